import { formatYuan } from '@gongyi/domain';
import { Alert, App } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { paySpecialExpense, type Application } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { dayText } from '../../lib/dates';
import { useTown } from '../../session/SessionContext';
import { DayField, MemoField, SourceField } from './fields';

/** 支出 (R22): an approved application paid by its coop from one source's account; the amount is the approved one. */
export function SpecialExpenseModal({ application, onClose, onPaid }: { application: Application; onClose: () => void; onPaid: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const submit = async (v: { sourceCode: string; date: Dayjs; memo?: string }) => {
    const posted = await paySpecialExpense(town.id, { applicationId: application.id, sourceCode: v.sourceCode, date: dayText(v.date), memo: v.memo?.trim() ?? '' });
    void message.success(t('funds.pay.done', { seq: posted.seq }));
    onPaid();
    onClose();
  };
  return (
    <FormModal<{ sourceCode: string; date: Dayjs; memo?: string }> open title={t('funds.pay.title')} okText={t('funds.pay.ok')} onCancel={onClose} onSubmit={submit} initialValues={{ date: dayjs() }} testId="pay-form">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funds.pay.intro', { coop: application.coopName, amount: formatYuan(application.amountFen), description: application.description })} />
      <SourceField help={t('funds.pay.sourceHelp')} />
      <DayField label={t('funds.pay.date')} help={t('funds.dateHelp')} />
      <MemoField />
    </FormModal>
  );
}
