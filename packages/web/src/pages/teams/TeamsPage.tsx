import { PlusOutlined } from '@ant-design/icons';
import type { Team, TeamDetail } from '@gongyi/domain';
import { Alert, Button, Card, Empty, Table } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { exportList, listTeams } from '../../api/organisation';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar, OnDateFilter, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { categoryOptions, coopOptions, departmentOptions, useOrgLookups } from '../../features/org/useOrgLookups';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { AssignmentModal } from './AssignmentModal';
import { TeamCreateModal } from './TeamCreateModal';
import { TeamDrawer, useTeamDetail } from './TeamDrawer';
import { TeamEditModal } from './TeamEditModal';
import { teamColumns } from './teamColumns';

const FILTERS = ['q', 'categoryId', 'coopId', 'departmentId', 'on'] as const;
type Filter = (typeof FILTERS)[number];

type Dialog = 'create' | 'edit' | 'assignment' | undefined;

export function TeamsPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const manage = useCan()('org.manage');
  const lookups = useOrgLookups();

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) => listTeams(town.id, r, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage);
  const on = list.filters.on;

  const [openId, setOpenId] = useState<string>();
  const detail = useTeamDetail(openId, on);
  const [dialog, setDialog] = useState<Dialog>();
  const [dialogTeam, setDialogTeam] = useState<TeamDetail>();

  const openDialog = (kind: Dialog, team?: TeamDetail) => {
    setDialogTeam(team);
    setDialog(kind);
  };
  const afterSave = (team: TeamDetail) => {
    list.reload();
    if (team.id === openId) detail.reload();
    else setOpenId(team.id);
  };

  const data = lookups.data;
  const columns = useMemo(() => {
    // Short names keep the table readable at 1366 px; the full name shows on hover.
    const short = new Map<string, string>();
    for (const x of [...(data?.departments ?? []), ...(data?.coops ?? [])]) short.set(x.id, x.shortName || x.name);
    return teamColumns(t, lang, (team: Team) => setOpenId(team.id), (id, name) => short.get(id) ?? name);
  }, [t, lang, data]);
  // The demo town numbers teams 10, 20, 30…; a new one goes after the others by default.
  const total = list.tableProps.pagination ? (list.tableProps.pagination.total ?? 0) : 0;
  const nextSortOrder = Math.min((total + 1) * 10, 9999);

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        extra={
          <>
            <ExportButton onExport={() => exportList(town.id, 'teams', list.filters)} testId="teams-export" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} disabled={!data} onClick={() => openDialog('create')}>
                {t('teams.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('teams.search')} width={200} />
          <SelectFilter
            value={list.filters.categoryId}
            onChange={(categoryId) => list.setFilters({ categoryId })}
            placeholder={t('teams.category')}
            options={categoryOptions(data?.categories, lang)}
            loading={lookups.loading}
            width={150}
          />
          <SelectFilter
            value={list.filters.coopId}
            onChange={(coopId) => list.setFilters({ coopId })}
            placeholder={t('teams.coop')}
            options={coopOptions(data?.coops)}
            loading={lookups.loading}
          />
          <SelectFilter
            value={list.filters.departmentId}
            onChange={(departmentId) => list.setFilters({ departmentId })}
            placeholder={t('teams.department')}
            options={departmentOptions(data?.departments)}
            loading={lookups.loading}
            width={160}
          />
          <OnDateFilter value={on} onChange={(value) => list.setFilters({ on: value })} />
        </FilterBar>
        {on && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('teams.onDateNotice', { date: on })} />}
        <LoadError error={list.error ?? lookups.error} onRetry={list.error ? list.reload : lookups.reload} />
        <Table<Team>
          rowKey="id"
          size="middle"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1040 }}
          onRow={(team) => ({ onClick: () => setOpenId(team.id), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: <Empty description={t(list.hasFilters ? 'teams.emptyFiltered' : manage ? 'teams.empty' : 'teams.emptyReadOnly')} />,
          }}
          data-testid="teams-table"
        />
      </Card>

      <TeamDrawer
        teamId={openId}
        on={on}
        detail={detail}
        onClose={() => setOpenId(undefined)}
        onEdit={(team) => openDialog('edit', team)}
        onChangeAssignment={(team) => openDialog('assignment', team)}
      />
      <TeamCreateModal
        open={dialog === 'create'}
        lookups={data}
        nextSortOrder={nextSortOrder}
        onClose={() => setDialog(undefined)}
        onCreated={afterSave}
      />
      <TeamEditModal
        open={dialog === 'edit'}
        team={dialogTeam}
        coops={data?.coops ?? []}
        onClose={() => setDialog(undefined)}
        onSaved={afterSave}
      />
      <AssignmentModal
        open={dialog === 'assignment'}
        team={dialogTeam}
        departments={data?.departments ?? []}
        onClose={() => setDialog(undefined)}
        onSaved={afterSave}
      />
    </>
  );
}
