import { formatYuan, type LedgerSummary } from '@gongyi/domain';
import { Alert, App, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { allocate } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { DayField, MemoField, RefField, SourceField, YuanField } from '../../features/funds/fields';
import { coopOptions, SEARCHABLE, useOrgLookups } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { dayText } from '../../lib/dates';
import { yuanToFen } from '../../lib/money';
import { useTown } from '../../session/SessionContext';
import { FlowPage } from './FlowPage';

interface Values {
  sourceCode: string;
  coopId: string;
  /** In yuan (the box); sent as fen. */
  amountFen: number;
  documentRef: string;
  date: Dayjs;
  memo?: string;
}

/** What the chosen source's sub-account and the chosen coop's account of it hold now. */
function Balances({ summary }: { summary: LedgerSummary | undefined }) {
  const { t } = useI18n();
  const source: string | undefined = Form.useWatch('sourceCode');
  const coopId: string | undefined = Form.useWatch('coopId');
  if (!source || !summary) return null;
  const special = summary.sources.find((s) => s.code === source)?.specialBalanceFen ?? 0;
  const coop = summary.accounts.find((a) => a.type === 'coop' && a.sourceCode === source && a.coopId === coopId)?.balanceFen;
  return (
    <Alert
      type={special > 0 ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={t('funds.alloc.held', { amount: formatYuan(special) })}
      description={coopId ? t('funds.alloc.coopHeld', { amount: formatYuan(coop ?? 0) }) : undefined}
      data-testid="alloc-balance"
    />
  );
}

/** 拨付服务社: from a source's sub-account to a coop's account of the same source (R20: the source is kept). */
function AllocationModal({ summary, onClose, onPosted }: { summary: LedgerSummary | undefined; onClose: () => void; onPosted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const coops = useOrgLookups().data?.coops;
  const submit = async (v: Values) => {
    const body = { sourceCode: v.sourceCode, coopId: v.coopId, amountFen: yuanToFen(v.amountFen) ?? 0, documentRef: v.documentRef.trim(), date: dayText(v.date), memo: v.memo?.trim() ?? '' };
    const posted = await allocate(town.id, body);
    void message.success(t('funds.alloc.done', { seq: posted.seq }));
    onPosted();
    onClose();
  };
  const coopLabel = t('funds.col.coop');
  return (
    <FormModal<Values> open title={t('funds.alloc.create')} okText={t('funds.alloc.ok')} onCancel={onClose} onSubmit={submit} initialValues={{ date: dayjs() }} testId="allocation-form">
      <SourceField help={t('funds.alloc.sourceHelp')} />
      <Form.Item name="coopId" label={coopLabel} extra={t('funds.alloc.coopHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: coopLabel }) }]}>
        <Select showSearch={SEARCHABLE} options={coopOptions(coops)} loading={!coops} />
      </Form.Item>
      <Balances summary={summary} />
      <YuanField label={t('funds.col.amountYuan')} help={t('funds.alloc.amountHelp')} />
      <RefField name="documentRef" label={t('funds.alloc.ref')} help={t('funds.alloc.refHelp')} />
      <DayField label={t('funds.alloc.date')} help={t('funds.dateHelp')} />
      <MemoField />
    </FormModal>
  );
}

/** 经费管理 › 拨付 (#8 part 3, R20). */
export function AllocationsPage() {
  return (
    <FlowPage
      kind="allocation"
      title="nav.fundsAllocations"
      intro="funds.alloc.intro"
      action="funds.alloc.create"
      listTitle="funds.alloc.list"
      form={(p) => <AllocationModal {...p} />}
    />
  );
}
