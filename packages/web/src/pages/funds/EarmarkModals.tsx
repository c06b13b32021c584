import { EXPENSE_CLASS_LABELS, EXPENSE_CLASSES, TOWN_SUBSIDY, type ExpenseClass } from '@gongyi/domain';
import { Alert, App, Form, Input, Select } from 'antd';
import { addEarmark, addSource } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { MemoField, SourceField } from '../../features/funds/fields';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useI18n, vocab } from '../../i18n';
import { useTown } from '../../session/SessionContext';

interface EarmarkValues {
  sourceCode: string;
  teamId?: string;
  expenseClass: ExpenseClass;
  note?: string;
}

/** 新增规则: a source pays only one team (区残保金 → 助残协管) or one class of spending. */
export function EarmarkModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const teams = useWorkerLookups().data?.teams;
  const submit = async (v: EarmarkValues) => {
    await addEarmark(town.id, { sourceCode: v.sourceCode, teamId: v.teamId ?? null, expenseClass: v.expenseClass, note: v.note?.trim() ?? '' });
    void message.success(t('common.created'));
    onSaved();
    onClose();
  };
  const classLabel = t('funds.earmark.class');
  return (
    <FormModal<EarmarkValues> open title={t('funds.earmark.create')} onCancel={onClose} onSubmit={submit} initialValues={{ expenseClass: 'personnel' }} testId="earmark-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funds.earmark.intro')} />
      <SourceField help={t('funds.earmark.sourceHelp')} exclude={[TOWN_SUBSIDY]} />
      <Form.Item name="teamId" label={t('funds.col.team')} extra={t('funds.earmark.teamHelp')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={!teams} options={(teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      </Form.Item>
      <Form.Item name="expenseClass" label={classLabel} extra={t('funds.earmark.classHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: classLabel }) }]}>
        <Select options={EXPENSE_CLASSES.map((c) => ({ value: c, label: vocab(EXPENSE_CLASS_LABELS, c, lang) }))} />
      </Form.Item>
      <MemoField name="note" label={t('common.note')} help={t('funds.earmark.noteHelp')} />
    </FormModal>
  );
}

/** 新增资金来源: a source of the town's own beyond the notice's four. */
export function SourceModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const submit = async (v: { code: string; name: string }) => {
    await addSource(town.id, { code: v.code.trim(), name: v.name.trim() });
    void message.success(t('common.created'));
    onSaved();
    onClose();
  };
  const nameLabel = t('funds.source.name');
  const codeLabel = t('funds.source.code');
  return (
    <FormModal<{ code: string; name: string }> open title={t('funds.source.create')} onCancel={onClose} onSubmit={submit} testId="source-form">
      <Form.Item name="name" label={nameLabel} extra={t('funds.source.nameHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: nameLabel }) }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        name="code"
        label={codeLabel}
        extra={t('funds.source.codeHelp')}
        rules={[
          { required: true, message: t('common.required', { label: codeLabel }) },
          { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('funds.source.codeInvalid') },
        ]}
      >
        <Input maxLength={40} />
      </Form.Item>
    </FormModal>
  );
}
