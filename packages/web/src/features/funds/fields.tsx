import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { DATE_FORMAT } from '../../lib/dates';
import { sourceOptions, useSources } from './display';

// The fields the funds forms share: amounts in yuan (the API takes fen), sources, dates, documents.

/**
 * An amount in yuan to the fen, above zero unless `zero` allows it. The box holds yuan but carries
 * the API's field name (amountFen), so the server's refusal of the amount lands under it.
 */
export function YuanField({ label, help, zero = false }: { label: string; help?: ReactNode; zero?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item name="amountFen" label={label} extra={help} rules={[{ required: true, message: t('common.required', { label }) }]}>
      <InputNumber<number> min={zero ? 0 : 0.01} precision={2} step={1000} prefix="¥" style={{ width: 220 }} />
    </Form.Item>
  );
}

/** One of the town's fund sources; `exclude` leaves some out (the town subsidy takes no earmark). */
export function SourceField({ help, exclude = [], onChange }: { help?: ReactNode; exclude?: string[]; onChange?: (code: string) => void }) {
  const { t, lang } = useI18n();
  const sources = useSources().data?.filter((s) => !exclude.includes(s.code));
  const label = t('funds.col.source');
  return (
    <Form.Item name="sourceCode" label={label} extra={help} rules={[{ required: true, message: t('common.requiredSelect', { label }) }]}>
      <Select options={sourceOptions(sources, lang)} loading={!sources} onChange={onChange} />
    </Form.Item>
  );
}

/** The day the money moved (the entry's month follows it; a closed month refuses it). */
export function DayField({ name = 'date', label, help }: { name?: string; label: string; help?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} extra={help} rules={[{ required: true, message: t('common.requiredSelect', { label }) }]}>
      <DatePicker format={DATE_FORMAT} style={{ width: 220 }} />
    </Form.Item>
  );
}

/** A document number the entry cites: a receipt, an allocation approval. */
export function RefField({ name, label, help }: { name: string; label: string; help: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} extra={help} rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}>
      <Input maxLength={60} style={{ width: 320 }} />
    </Form.Item>
  );
}

export function MemoField({ name = 'memo', label, help }: { name?: string; label?: string; help?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label ?? t('funds.col.memo')} extra={help ?? t('funds.memoHelp')}>
      <Input.TextArea rows={2} maxLength={500} showCount />
    </Form.Item>
  );
}
