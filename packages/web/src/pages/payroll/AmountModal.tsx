import type { RunDetail, Slip } from '@gongyi/domain';
import { Alert, App, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { addAdjustment, addManualLine, listSlips } from '../../api/payroll';
import { FormModal } from '../../components/FormModal';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { yuanToFen } from '../../lib/money';
import { useTown } from '../../session/SessionContext';

export type AmountMode = 'manual' | 'adjustment';

interface Values {
  personId: string;
  amountFen: number;
  reason: string;
}

/** A worker of this run, found by name on the server (the slips are paged). */
function SlipPicker({ runId, value, onChange, id }: { runId: string; value?: string; onChange?: (personId: string) => void; id?: string }) {
  const { t } = useI18n();
  const town = useTown();
  const reportError = useReportError();
  const [q, setQ] = useState('');
  const [slips, setSlips] = useState<Slip[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listSlips(town.id, runId, { q: q || undefined, page: 1, pageSize: 20 }, controller.signal).then(
        (page) => setSlips(page.items),
        (error: unknown) => !isAbort(error) && reportError(error),
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [town.id, runId, q, reportError]);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('payroll.amount.pickWorker')}
      options={slips.map((s) => ({ value: s.personId, label: `${s.name} · ${s.teamName} · ${s.departmentName}` }))}
      data-testid="slip-picker"
    />
  );
}

/**
 * 手工调整 (before approval: a line on this run, the later sign-offs void) and 更正 (after approval:
 * a correction paid with the coop's next monthly run; the approved run never changes).
 */
export function AmountModal({ mode, run, onClose, onRun, onAdjusted }: { mode: AmountMode; run: RunDetail; onClose: () => void; onRun: (run: RunDetail) => void; onAdjusted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();

  const submit = async (v: Values) => {
    const body = { personId: v.personId, amountFen: yuanToFen(v.amountFen) ?? 0, reason: v.reason.trim() };
    if (mode === 'manual') onRun(await addManualLine(town.id, run.id, { ...body, version: run.version }));
    else {
      await addAdjustment(town.id, run.id, body);
      onAdjusted();
    }
    void message.success(t(`payroll.amount.${mode}Done`));
    onClose();
  };

  return (
    <FormModal<Values> open title={t(`payroll.amount.${mode}`)} okText={t(`payroll.amount.${mode}Ok`)} onCancel={onClose} onSubmit={submit} testId={`amount-form-${mode}`}>
      <Alert type={mode === 'manual' ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }} title={t(`payroll.amount.${mode}Intro`)} />
      <Form.Item name="personId" label={t('payroll.amount.worker')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('payroll.amount.worker') }) }]}>
        <SlipPicker runId={run.id} />
      </Form.Item>
      <Form.Item
        name="amountFen"
        label={t('payroll.amount.amount')}
        extra={t('payroll.amount.amountHelp')}
        rules={[
          { required: true, message: t('common.required', { label: t('payroll.amount.amount') }) },
          { validator: (_r, value: number | null) => (value === 0 ? Promise.reject(new Error(t('payroll.amount.notZero'))) : Promise.resolve()) },
        ]}
      >
        <InputNumber<number> precision={2} step={10} prefix="¥" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('payroll.amount.reason')} extra={t('payroll.amount.reasonHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('payroll.amount.reason') }) }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
