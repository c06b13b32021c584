import { ANNUAL_OUTCOME_LABELS, SHEET_STATE_LABELS, type AnnualOutcome, type SheetState } from '@gongyi/domain';
import { DatePicker, Tag } from 'antd';
import dayjs from 'dayjs';
import { SelectFilter } from '../../components/filters';
import type { Lang } from '../../i18n';
import { useI18n, vocab } from '../../i18n';
import { useWorkerLookups } from '../workers/useWorkerLookups';

// Small pieces of #6 shown in lists, the sheet page, the annual table and the home page.

const STATE_COLORS: Record<SheetState, string> = { draft: 'default', community_entered: 'cyan', submitted: 'blue', reviewed: 'geekblue', locked: 'green' };

export function SheetStateTag({ state }: { state: SheetState }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid={`sheet-state-${state}`}>
      {vocab(SHEET_STATE_LABELS, state, lang)}
    </Tag>
  );
}

const GRADE_COLORS: Record<AnnualOutcome, string> = { excellent: 'green', pass: 'blue', basic_pass: 'orange', fail: 'red' };

export function GradeTag({ grade }: { grade: AnnualOutcome | null }) {
  const { lang } = useI18n();
  if (!grade) return null;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }}>
      {vocab(ANNUAL_OUTCOME_LABELS, grade, lang)}
    </Tag>
  );
}

/** "2026-03" as UI.md writes months: 2026年3月 (Mar 2026 in English). */
export function monthText(month: string, lang: Lang): string {
  const [year, m] = month.split('-');
  return lang === 'zh' ? `${year}年${Number(m)}月` : dayjs(`${month}-01`).locale('en').format('MMM YYYY');
}

/** This month as YYYY-MM, on the browser's clock (the town's, in practice). */
export const thisMonth = (): string => dayjs().format('YYYY-MM');

/** A month picker that reports YYYY-MM (or undefined when cleared). */
export function MonthPicker({
  value,
  onChange,
  allowClear = true,
  placeholder,
  testId,
  future = false,
}: {
  value?: string | undefined;
  onChange?: (month: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  /** Months ahead may be chosen (a template applies from a coming month). */
  future?: boolean;
}) {
  const { t } = useI18n();
  return (
    <DatePicker
      picker="month"
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : undefined)}
      format="YYYY年M月"
      allowClear={allowClear}
      placeholder={placeholder ?? t('assessment.month')}
      aria-label={placeholder ?? t('assessment.month')}
      style={{ width: 150 }}
      disabledDate={future ? undefined : (d) => d.isAfter(dayjs(), 'month')}
      data-testid={testId}
    />
  );
}

/** A whole list the server returns at once, shown a page at a time with the console's paged-list hook (filters in the URL). */
export function pageOf<T>(all: T[], request: { page: number; pageSize: number }) {
  const start = (request.page - 1) * request.pageSize;
  return { items: all.slice(start, start + request.pageSize), total: all.length, page: request.page, pageSize: request.pageSize };
}

/** The team filter of the assessment lists (all the town's teams; the server scopes the rows). */
export function TeamFilter({ value, onChange }: { value: string | undefined; onChange: (teamId: string | undefined) => void }) {
  const { t } = useI18n();
  const teams = useWorkerLookups().data?.teams;
  return (
    <SelectFilter
      value={value}
      onChange={onChange}
      placeholder={t('assessment.col.team')}
      options={(teams ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
      loading={!teams}
    />
  );
}
