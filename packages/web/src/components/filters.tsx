import { CalendarOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { DATE_FORMAT, fromDay, toDay } from '../lib/dates';

// The filter row above every list: each control reports a string or undefined (= no filter).

export function FilterBar({
  children,
  onReset,
  canReset,
  extra,
}: {
  children: ReactNode;
  onReset: () => void;
  canReset: boolean;
  /** Table tools (the column chooser), pushed to the right end of the row. */
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
      {children}
      <Button onClick={onReset} disabled={!canReset}>
        {t('common.reset')}
      </Button>
      {extra && <div style={{ marginInlineStart: 'auto' }}>{extra}</div>}
    </Flex>
  );
}

interface FilterProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  width?: number;
}

export function SearchFilter({ value, onChange, placeholder, width = 220 }: FilterProps) {
  return (
    <Input.Search
      // Remount when the URL changes the value (reset, back button) so the box shows it.
      key={value ?? ''}
      defaultValue={value}
      placeholder={placeholder}
      allowClear
      onSearch={(text) => onChange(text.trim() || undefined)}
      style={{ width }}
      aria-label={placeholder}
    />
  );
}

export function SelectFilter({
  value,
  onChange,
  placeholder,
  width = 180,
  options,
  loading,
  popupWidth,
}: FilterProps & {
  options: { value: string; label: string; title?: string }[];
  loading?: boolean;
  /** A wider list than the box, for long option texts. */
  popupWidth?: number;
}) {
  return (
    <Select<string>
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={placeholder}
      allowClear
      showSearch={{ optionFilterProp: ['label', 'title'] }}
      options={options}
      loading={loading}
      style={{ width }}
      popupMatchSelectWidth={popupWidth ?? true}
      aria-label={placeholder}
    />
  );
}

/** A date range (both ends included, either may be open), as two YYYY-MM-DD strings. */
export function DateRangeFilter({
  from,
  to,
  onChange,
  width = 260,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  width?: number;
}) {
  const { t } = useI18n();
  return (
    <DatePicker.RangePicker
      value={from || to ? [toDay(from) ?? null, toDay(to) ?? null] : null}
      onChange={(days) => onChange(fromDay(days?.[0]) ?? undefined, fromDay(days?.[1]) ?? undefined)}
      format={DATE_FORMAT}
      allowEmpty={[true, true]}
      placeholder={[t('common.dateFrom'), t('common.dateTo')]}
      style={{ width }}
      aria-label={t('common.dateRangeLabel')}
      data-testid="date-range-filter"
    />
  );
}

/** "查询日期": only records in force on that day (R5). */
export function OnDateFilter({ value, onChange, width = 210 }: Omit<FilterProps, 'placeholder'>) {
  const { t } = useI18n();
  return (
    <Tooltip title={t('common.onDateHelp')}>
      <DatePicker
        value={toDay(value)}
        onChange={(d) => onChange(fromDay(d) ?? undefined)}
        format={DATE_FORMAT}
        prefix={
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>
            <CalendarOutlined /> {t('common.onDate')}
          </span>
        }
        suffixIcon={null}
        placeholder={t('common.onDatePlaceholder')}
        style={{ width }}
        aria-label={t('common.onDate')}
        data-testid="on-date-filter"
      />
    </Tooltip>
  );
}
