import { PlusOutlined } from '@ant-design/icons';
import { RUN_STATE_LABELS, RUN_STATES, type Run, type RunKind } from '@gongyi/domain';
import { Button, Card, Empty, Table } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { listRuns } from '../../api/payroll';
import { FilterBar, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { MonthPicker } from '../../features/assessment/display';
import { coopOptions, useOrgLookups } from '../../features/org/useOrgLookups';
import { runPath } from '../../features/payroll/display';
import { runColumns } from '../../features/payroll/runColumns';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { RunCreateModal } from './RunCreateModal';

const FILTERS = ['coopId', 'month', 'state'] as const;
type Filter = (typeof FILTERS)[number];

/** 薪酬发放 › 月度发放 and 年终奖: each coop's runs, newest first (#7 parts 3 and 5). */
export function RunsPage({ kind }: { kind: RunKind }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const navigate = useNavigate();
  const coops = useOrgLookups().data?.coops;
  const fetchPage = useCallback((r: PageRequest<Filter>, signal: AbortSignal) => listRuns(town.id, { ...r, kind }, signal), [town.id, kind]);
  const list = usePagedList(FILTERS, fetchPage);
  const [creating, setCreating] = useState(false);
  const annual = kind === 'annual_bonus';
  const mayRun = can('payroll.run');

  return (
    <>
      <PageHeader
        title={t(annual ? 'nav.payAnnual' : 'nav.payMonthly')}
        subTitle={t(annual ? 'payroll.runs.annualSubtitle' : 'payroll.runs.subtitle')}
        extra={
          mayRun && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="run-create">
              {t(annual ? 'payroll.runs.createAnnual' : 'payroll.runs.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SelectFilter value={list.filters.coopId} onChange={(coopId) => list.setFilters({ coopId })} placeholder={t('payroll.col.coop')} options={coopOptions(coops)} loading={!coops} width={200} />
          <MonthPicker value={list.filters.month} onChange={(month) => list.setFilters({ month })} future={annual} testId="runs-month" />
          <SelectFilter
            value={list.filters.state}
            onChange={(state) => list.setFilters({ state })}
            placeholder={t('payroll.col.state')}
            options={RUN_STATES.map((s) => ({ value: s, label: vocab(RUN_STATE_LABELS, s, lang) }))}
            width={160}
          />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Run>
          rowKey="id"
          size="small"
          columns={runColumns(t, lang)}
          {...list.tableProps}
          scroll={{ x: 1090 }}
          locale={{ emptyText: <Empty description={t(list.hasFilters ? 'payroll.runs.emptyFiltered' : !mayRun ? 'payroll.runs.emptyReadOnly' : annual ? 'payroll.runs.emptyAnnual' : 'payroll.runs.empty')} /> }}
          data-testid="runs-table"
        />
      </Card>
      {creating && <RunCreateModal kind={kind} onClose={() => setCreating(false)} onCreated={(run) => navigate(runPath(run))} />}
    </>
  );
}
