import { Alert, App, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { recordReceipt } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { DayField, MemoField, RefField, SourceField, YuanField } from '../../features/funds/fields';
import { useI18n } from '../../i18n';
import { dayText } from '../../lib/dates';
import { yuanToFen } from '../../lib/money';
import { useTown } from '../../session/SessionContext';
import { FlowPage } from './FlowPage';

interface Values {
  sourceCode: string;
  /** In yuan (the box); sent as fen. */
  amountFen: number;
  receiptNo: string;
  date: Dayjs;
  memo?: string;
}

/** 登记到账: city or district money arrives in the town special account, in its source's sub-account (R20). */
function ReceiptModal({ onClose, onPosted }: { onClose: () => void; onPosted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const submit = async (v: Values) => {
    const body = { sourceCode: v.sourceCode, amountFen: yuanToFen(v.amountFen) ?? 0, receiptNo: v.receiptNo.trim(), date: dayText(v.date), memo: v.memo?.trim() ?? '' };
    const posted = await recordReceipt(town.id, body);
    void message.success(t('funds.receipt.done', { seq: posted.seq }));
    onPosted();
    onClose();
  };
  return (
    <FormModal<Values> open title={t('funds.receipt.create')} okText={t('funds.receipt.ok')} onCancel={onClose} onSubmit={submit} initialValues={{ date: dayjs() }} testId="receipt-form">
      <SourceField help={t('funds.receipt.sourceHelp')} />
      <YuanField label={t('funds.col.amountYuan')} help={t('funds.receipt.amountHelp')} />
      <RefField name="receiptNo" label={t('funds.receipt.no')} help={t('funds.receipt.noHelp')} />
      <DayField label={t('funds.receipt.date')} help={t('funds.dateHelp')} />
      <Form.Item label={t('funds.receipt.payee')} extra={t('funds.receipt.payeeHelp')}>
        <Input value={t('funds.receipt.payeeValue')} disabled style={{ width: 320 }} data-testid="receipt-payee" />
      </Form.Item>
      <MemoField />
      <Alert type="info" showIcon title={t('funds.receipt.after')} />
    </FormModal>
  );
}

/** 经费管理 › 收款 (#8 part 3, R20). */
export function ReceiptsPage() {
  return (
    <FlowPage
      kind="receipt"
      title="nav.fundsReceipts"
      intro="funds.receipt.intro"
      action="funds.receipt.create"
      listTitle="funds.receipt.list"
      form={(p) => <ReceiptModal onClose={p.onClose} onPosted={p.onPosted} />}
    />
  );
}
