import { APPLICATION_KINDS, ENTRY_KIND_LABELS, SOURCE_LABELS, type EntryKind } from '@gongyi/domain';
import { DatePicker, Tag, type TablePaginationConfig } from 'antd';
import dayjs from 'dayjs';
import { useCallback, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { downloadReport, getSummary, listSources, type FundsReport } from '../../api/ledger';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab, type Lang, type Translate } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { useTown } from '../../session/SessionContext';

// Small pieces of #8 shared by the funds pages: the year in the URL, source names, tags, exports.

/** The year a funds page shows, kept in the URL (?year=2026) so a report can be bookmarked; this year by default. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : dayjs().year();
  const setYear = useCallback(
    (next: number) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next === dayjs().year()) p.delete('year');
          else p.set('year', String(next));
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [year, setYear];
}

export function YearPicker({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useI18n();
  return (
    <DatePicker
      picker="year"
      value={dayjs(`${value}-01-01`)}
      onChange={(d) => d && onChange(d.year())}
      allowClear={false}
      format="YYYY年"
      aria-label={t('funds.year')}
      style={{ width: 110 }}
      data-testid="funds-year"
    />
  );
}

/** A source's name in the current language: the notice's four sources are translated, a town's own keep their name. */
export function sourceName(source: { code: string; name: string }, lang: Lang): string {
  return SOURCE_LABELS[source.code]?.[lang] ?? source.name;
}

export const sourceOptions = (sources: { code: string; name: string }[] | undefined, lang: Lang) =>
  (sources ?? []).map((s) => ({ value: s.code, label: sourceName(s, lang) }));

/** 服装装备, 培训…: what an application (or a budget line from one) pays for. */
export function appKindText(kind: string, t: Translate): string {
  const known = oneOf(APPLICATION_KINDS, kind);
  return known ? t(`funds.appKind.${known}`) : kind;
}

const KIND_COLORS: Record<EntryKind, string> = {
  receipt: 'green',
  allocation: 'blue',
  payroll_expense: 'purple',
  payroll_payment: 'geekblue',
  special_expense: 'orange',
  reversal: 'red',
};

export function EntryKindTag({ kind }: { kind: EntryKind }) {
  const { lang } = useI18n();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {vocab(ENTRY_KIND_LABELS, kind, lang)}
    </Tag>
  );
}

/** A list the server returns whole, shown ten rows a page. */
export function localPaging(t: Translate, pageSize = 10): TablePaginationConfig {
  return { pageSize, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) };
}

/** The xlsx of a report for the year shown. */
export function ReportButton({ report, year, testId }: { report: FundsReport; year: number; testId?: string }) {
  const town = useTown();
  return <ExportButton onExport={() => downloadReport(town.id, report, year)} testId={testId} />;
}

/** A report page's header: its title, the year it shows and the year's xlsx. */
export function ReportHeader({ title, subTitle, report, year, onYear }: { title: string; subTitle: string; report: FundsReport; year: number; onYear: (year: number) => void }) {
  return (
    <PageHeader
      title={title}
      subTitle={subTitle}
      extra={
        <>
          <YearPicker value={year} onChange={onYear} />
          <ReportButton report={report} year={year} testId={`export-${report.split('/')[1]}`} />
        </>
      }
    />
  );
}

export function useSources() {
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => listSources(town.id, signal), [town.id]);
  return useApi(load);
}

export function useSummary(year: number) {
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => getSummary(town.id, year, signal), [town.id, year]);
  return useApi(load);
}

/** A table row's test id (antd's onRow), for the figures a test reads. */
export const rowTestId =
  <T,>(id: (row: T) => string) =>
  (row: T) =>
    ({ 'data-testid': id(row) }) as HTMLAttributes<HTMLElement>;
