import { PlusOutlined } from '@ant-design/icons';
import { SHEET_STATES, SHEET_STATE_LABELS, type SheetSummary } from '@gongyi/domain';
import { Button, Card, Empty, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { listSheets } from '../../api/assessment';
import { FilterBar, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { MonthPicker, monthText, pageOf, SheetStateTag, TeamFilter } from '../../features/assessment/display';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { SheetCreateModal } from './SheetCreateModal';

const FILTERS = ['month', 'state', 'teamId'] as const;
type Filter = (typeof FILTERS)[number];

/** 考勤考核 › 月度考核 (and 考勤表, the same sheets opened on their attendance): each unit's sheet per team and month. */
export function SheetsPage({ view = 'monthly' }: { view?: 'attendance' | 'monthly' }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const navigate = useNavigate();
  const fetchPage = useCallback(async (r: PageRequest<Filter>, signal: AbortSignal) => pageOf(await listSheets(town.id, { month: r.month, state: r.state, teamId: r.teamId }, signal), r), [town.id]);
  const list = usePagedList(FILTERS, fetchPage);
  const [creating, setCreating] = useState(false);
  const enter = can('assessment.enter');
  const open = (id: string) => `/assessment/sheets/${id}${view === 'attendance' ? '?view=attendance' : ''}`;

  const columns: TableColumnsType<SheetSummary> = [
    {
      key: 'team',
      title: t('assessment.col.team'),
      width: 180,
      render: (_v, s) => (
        <Link to={open(s.id)}>
          {s.teamName}
          {s.communitySharePercent !== null && (
            <Tag color="purple" style={{ marginInlineStart: 6, fontSize: 11 }}>
              {t('assessment.share', { percent: s.communitySharePercent })}
            </Tag>
          )}
        </Link>
      ),
    },
    { key: 'unit', title: t('assessment.col.unit'), dataIndex: 'departmentName', width: 170, ellipsis: true },
    { key: 'month', title: t('assessment.month'), dataIndex: 'month', width: 100, render: (m: string) => monthText(m, lang) },
    { key: 'state', title: t('assessment.col.state'), dataIndex: 'state', width: 130, render: (_v, s) => <SheetStateTag state={s.state} /> },
    { key: 'workers', title: t('assessment.col.workers'), dataIndex: 'workers', width: 70, align: 'right' },
    {
      key: 'complete',
      title: t('assessment.col.complete'),
      width: 150,
      render: (_v, s) => (
        <Progress percent={s.workers ? Math.round((s.complete / s.workers) * 100) : 0} size="small" format={() => `${s.complete}/${s.workers}`} status={s.complete === s.workers ? 'success' : 'normal'} />
      ),
    },
    {
      key: 'due',
      title: t('assessment.col.dueDate'),
      dataIndex: 'dueDate',
      width: 150,
      render: (_v, s) =>
        s.overdue ? (
          <Typography.Text type="danger" strong>
            {s.dueDate} {t('assessment.overdue')}
          </Typography.Text>
        ) : (
          s.dueDate
        ),
    },
    { key: 'actions', title: t('common.actions'), width: 80, fixed: 'right', render: (_v, s) => <Link to={open(s.id)}>{t('assessment.open')}</Link> },
  ];

  return (
    <>
      <PageHeader
        title={t(view === 'attendance' ? 'nav.attendance' : 'nav.monthly')}
        subTitle={t(view === 'attendance' ? 'assessment.sheets.attendanceSubtitle' : 'assessment.sheets.subtitle')}
        extra={
          enter && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sheet-create">
              {t('assessment.sheets.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <MonthPicker value={list.filters.month} onChange={(month) => list.setFilters({ month })} testId="sheets-month" />
          <SelectFilter
            value={list.filters.state}
            onChange={(state) => list.setFilters({ state })}
            placeholder={t('assessment.col.state')}
            options={SHEET_STATES.map((s) => ({ value: s, label: vocab(SHEET_STATE_LABELS, s, lang) }))}
            width={150}
          />
          <TeamFilter value={list.filters.teamId} onChange={(teamId) => list.setFilters({ teamId })} />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<SheetSummary>
          rowKey="id"
          size="small"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1030 }}
          locale={{ emptyText: <Empty description={t(list.hasFilters ? 'assessment.sheets.emptyFiltered' : enter ? 'assessment.sheets.empty' : 'assessment.sheets.emptyReadOnly')} /> }}
          data-testid="sheets-table"
        />
      </Card>
      {enter && creating && <SheetCreateModal onClose={() => setCreating(false)} onCreated={(id) => navigate(open(id))} />}
    </>
  );
}
