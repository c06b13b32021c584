import { CloudUploadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  PAY_SCHEMES,
  PAY_SCHEME_LABELS,
  POST_STATUSES,
  POST_STATUS_LABELS,
  WORKER_FLAGS,
  WORKER_FLAG_LABELS,
  type WorkerFacets,
  type WorkerRow,
} from '@gongyi/domain';
import { App, Button, Card, Empty, Table } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { exportWorkers, listWorkers, workerFacets, type WorkerFilters } from '../../api/workers';
import { ColumnChooser, useHiddenColumns, visibleColumns } from '../../components/ColumnChooser';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { categoryOptions, coopOptions, departmentOptions, type Option } from '../../features/org/useOrgLookups';
import { communityOptions, useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useApi } from '../../hooks/useApi';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab, type Translate } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { ROSTER_COLUMN_KEYS, ROSTER_DEFAULT_SORT, ROSTER_SORTS, choosableColumns, rosterColumns, type RosterSort } from './rosterColumns';

const FILTERS = ['q', 'idTail', 'teamId', 'categoryId', 'coopId', 'communityId', 'departmentId', 'status', 'payScheme', 'flag'] as const;
type Filter = (typeof FILTERS)[number];

const ID_TAIL = /^[0-9xX]{4}$/;

/** "河道保洁（46）": a filter option with the number of workers it would show. */
function counted(t: Translate, label: string, count: number | undefined) {
  return count === undefined ? label : t('workers.optionCount', { label, count });
}

function useFacets(townId: string, filters: WorkerFilters) {
  const key = JSON.stringify(filters);
  const load = useCallback(
    (signal: AbortSignal) => workerFacets(townId, JSON.parse(key) as WorkerFilters, signal),
    [townId, key],
  );
  return useApi<WorkerFacets>(load);
}

/** 人员管理 › 花名册: the town's workers, server-paged, sorted and filtered (#4 part 5). */
export function RosterPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const town = useTown();
  const can = useCan();
  const lookups = useWorkerLookups();
  const data = lookups.data;

  const fetchPage = useCallback(
    (r: PageRequest<Filter, RosterSort>, signal: AbortSignal) => listWorkers(town.id, r, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage, ROSTER_SORTS, ROSTER_DEFAULT_SORT);
  const { filters } = list;
  const facets = useFacets(town.id, filters).data;

  const [hidden, setHidden] = useHiddenColumns('workers', ROSTER_COLUMN_KEYS);
  const today = todayIso();
  const { sortOrderOf } = list;
  const columns = useMemo(() => {
    const short = new Map<string, string>();
    for (const d of data?.departments ?? []) short.set(d.id, d.shortName || d.name);
    const all = rosterColumns({ t, lang, today, sortOrderOf, shortName: (id, name) => short.get(id) ?? name });
    return visibleColumns(all, hidden);
  }, [t, lang, today, sortOrderOf, data, hidden]);
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  // Every team of the town, with its count under the other filters (0 when none is shown).
  const teamOptions = useMemo(() => {
    const counts = new Map((facets?.teams ?? []).map((f) => [f.id, f.count]));
    const teams = data?.teams ?? facets?.teams ?? [];
    return teams.map((team) => ({ value: team.id, label: counted(t, team.name, facets ? (counts.get(team.id) ?? 0) : undefined), title: team.name }));
  }, [data, facets, t]);
  const statusOptions = POST_STATUSES.map((s) => ({
    value: s,
    label: counted(t, vocab(POST_STATUS_LABELS, s, lang), facets ? (facets.status.find((f) => f.value === s)?.count ?? 0) : undefined),
  }));
  const payOptions = PAY_SCHEMES.map((s) => ({
    value: s,
    label: counted(t, vocab(PAY_SCHEME_LABELS, s, lang), facets ? (facets.payScheme.find((f) => f.value === s)?.count ?? 0) : undefined),
  }));
  // Category, coop, community and unit options with their counts under the other filters.
  const withCounts = (options: Option[], facet: { id: string; count: number }[] | undefined) =>
    options.map((o) => ({ ...o, label: counted(t, o.label, facet ? (facet.find((f) => f.id === o.value)?.count ?? 0) : undefined) }));
  const flagOptions = WORKER_FLAGS.map((f) => ({
    value: f,
    label: counted(t, vocab(WORKER_FLAG_LABELS, f, lang), facets ? (facets.flags.find((x) => x.value === f)?.count ?? 0) : undefined),
  }));

  const setIdTail = (value: string | undefined) => {
    if (value && !ID_TAIL.test(value)) {
      void message.warning(t('workers.idTailInvalid'));
      return;
    }
    list.setFilters({ idTail: value?.toUpperCase() });
  };

  const manage = can('worker.manage');
  const emptyText = list.hasFilters ? 'workers.emptyFiltered' : manage ? 'workers.empty' : 'workers.emptyReadOnly';
  const filter = (key: Filter) => ({ value: filters[key], onChange: (value: string | undefined) => list.setFilters({ [key]: value }) });

  return (
    <>
      <PageHeader
        title={t('workers.title')}
        subTitle={facets && t('workers.subtitle', { total: facets.total })}
        extra={
          <>
            {can('worker.export') && <ExportButton onExport={() => exportWorkers(town.id, filters)} testId="workers-export" />}
            {can('worker.import') && (
              <Button icon={<CloudUploadOutlined />} onClick={() => void navigate('/workers/import')}>
                {t('nav.import')}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => void navigate('/workers/new')}>
                {t('workers.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          onReset={list.resetFilters}
          canReset={list.hasFilters}
          extra={<ColumnChooser columns={choosableColumns(t)} hidden={hidden} onChange={setHidden} />}
        >
          <SearchFilter {...filter('q')} placeholder={t('workers.searchName')} width={160} />
          <SearchFilter value={filters.idTail} onChange={setIdTail} placeholder={t('workers.searchIdTail')} width={176} />
          <SelectFilter {...filter('teamId')} placeholder={t('workers.filter.team')} options={teamOptions} loading={lookups.loading} width={170} />
          <SelectFilter
            {...filter('categoryId')}
            placeholder={t('workers.filter.category')}
            options={withCounts(categoryOptions(data?.categories, lang), facets?.categories)}
            loading={lookups.loading}
            width={130}
          />
          <SelectFilter {...filter('coopId')} placeholder={t('workers.filter.coop')} options={withCounts(coopOptions(data?.coops), facets?.coops)} loading={lookups.loading} width={150} />
          <SelectFilter
            {...filter('communityId')}
            placeholder={t('workers.filter.community')}
            options={withCounts(communityOptions(data?.communities), facets?.communities)}
            loading={lookups.loading}
            width={130}
          />
          <SelectFilter
            {...filter('departmentId')}
            placeholder={t('workers.filter.department')}
            options={withCounts(departmentOptions(data?.departments), facets?.departments)}
            loading={lookups.loading}
            width={150}
          />
          <SelectFilter {...filter('status')} placeholder={t('workers.filter.status')} options={statusOptions} width={120} />
          <SelectFilter {...filter('payScheme')} placeholder={t('workers.filter.payScheme')} options={payOptions} width={170} popupWidth={200} />
          <SelectFilter {...filter('flag')} placeholder={t('workers.filter.flag')} options={flagOptions} width={200} popupWidth={300} />
        </FilterBar>
        <LoadError error={list.error ?? lookups.error} onRetry={list.error ? list.reload : lookups.reload} />
        <Table<WorkerRow>
          rowKey="personId"
          size="small"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: width }}
          onRow={(w) => ({ onClick: () => void navigate(`/workers/${encodeURIComponent(w.personId)}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={t(emptyText)} /> }}
          data-testid="workers-table"
        />
      </Card>
    </>
  );
}
