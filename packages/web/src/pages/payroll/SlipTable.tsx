import { FilePdfOutlined } from '@ant-design/icons';
import type { RunDetail, Slip } from '@gongyi/domain';
import { Button, Table, type TableColumnsType } from 'antd';
import { useCallback, type ReactNode } from 'react';
import { downloadPayslips, listSlips } from '../../api/payroll';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { SlipLines, slipMoneyColumns } from '../../features/payroll/display';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

const FILTERS = ['teamId', 'q'] as const;
type Filter = (typeof FILTERS)[number];

/** The run's payslips a page at a time; a row opens to its lines, each with the rule and how it was reached. */
export function SlipTable({ run, tools }: { run: RunDetail; tools?: ReactNode }) {
  const { t } = useI18n();
  const town = useTown();
  const reportError = useReportError();
  // The run's version is part of the query: a recalculation or a manual line loads the slips again.
  const { id: runId, version } = run;
  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) => listSlips(town.id, runId, r, signal),
    [town.id, runId, version],
  );
  const list = usePagedList(FILTERS, fetchPage);

  const columns: TableColumnsType<Slip> = [
    { key: 'name', title: t('payroll.col.name'), dataIndex: 'name', width: 100, fixed: 'left' },
    { key: 'team', title: t('payroll.col.team'), dataIndex: 'teamName', width: 130, ellipsis: true },
    { key: 'unit', title: t('payroll.col.unit'), dataIndex: 'departmentName', width: 130, ellipsis: true },
    { key: 'days', title: t('payroll.col.days'), dataIndex: 'daysInPost', width: 80, align: 'right' },
    ...slipMoneyColumns<Slip>(t),
    {
      key: 'pdf',
      title: t('common.actions'),
      width: 90,
      fixed: 'right',
      render: (_v, s) => (
        <Button size="small" type="link" icon={<FilePdfOutlined />} onClick={() => void downloadPayslips(town.id, runId, s.personId).catch(reportError)} data-testid="slip-pdf">
          {t('payroll.slip.pdf')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <FilterBar onReset={list.resetFilters} canReset={list.hasFilters} extra={tools}>
        <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('payroll.slip.search')} width={180} />
        <SelectFilter
          value={list.filters.teamId}
          onChange={(teamId) => list.setFilters({ teamId })}
          placeholder={t('payroll.col.team')}
          options={run.teams.map((x) => ({ value: x.teamId, label: x.teamName, title: x.teamName }))}
        />
      </FilterBar>
      <LoadError error={list.error} onRetry={list.reload} />
      {/* The test id on a wrapper: it holds the pager too. */}
      <div data-testid="slips-table">
        <Table<Slip>
          rowKey="personId"
          size="small"
          columns={columns}
          {...list.tableProps}
          expandable={{ expandedRowRender: (s) => <SlipLines slip={s} />, columnWidth: 40 }}
          scroll={{ x: 1060 }}
        />
      </div>
    </>
  );
}
