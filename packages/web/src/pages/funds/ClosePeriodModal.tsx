import { Alert, App, Form } from 'antd';
import dayjs from 'dayjs';
import { closePeriod } from '../../api/ledger';
import { FormModal } from '../../components/FormModal';
import { MonthPicker, monthText } from '../../features/assessment/display';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

/** The earliest ended month not closed yet: what 月末结账 offers first. */
export function nextToClose(closed: string[]): string {
  const last = dayjs().subtract(1, 'month').format('YYYY-MM');
  const latest = [...closed].sort().at(-1);
  if (!latest || latest >= last) return last;
  return dayjs(`${latest}-01`).add(1, 'month').format('YYYY-MM');
}

/** 月末结账: a closed month refuses any posting (#8 part 2); corrections go into an open month. */
export function ClosePeriodModal({ closed, onClose, onClosed }: { closed: string[]; onClose: () => void; onClosed: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const submit = async (v: { period: string }) => {
    await closePeriod(town.id, v.period);
    void message.success(t('funds.close.done', { month: monthText(v.period, lang) }));
    onClosed();
    onClose();
  };
  return (
    <FormModal<{ period: string }> open title={t('funds.close')} okText={t('funds.close.ok')} onCancel={onClose} onSubmit={submit} initialValues={{ period: nextToClose(closed) }} testId="close-form">
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('funds.close.intro')} />
      <Form.Item name="period" label={t('funds.col.period')} extra={t('funds.close.periodHelp')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('funds.col.period') }) }]}>
        <MonthPicker allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}
