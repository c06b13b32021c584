import { LogoutOutlined } from '@ant-design/icons';
import { EXIT_REASON_LABELS, ruleValue, type ExitRow, type RetirementRow } from '@gongyi/domain';
import { Button, Card, Empty, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { exportExits, listExits, listRetirements } from '../../api/staffing';
import { getWorker } from '../../api/workers';
import { ExportButton } from '../../components/ExportButton';
import { DateRangeFilter, FilterBar, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { EXIT_FORM_REASONS, ExitModal } from '../../features/staffing/ExitModal';
import { daysUntil } from '../../features/staffing/staffingLogic';
import { onPost, type WorkerOnPost } from '../../features/staffing/WorkerPicker';
import { useApi } from '../../hooks/useApi';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';

const FILTERS = ['from', 'to', 'reason'] as const;
type Filter = (typeof FILTERS)[number];

const workerLink = (personId: string, name: string) => <Link to={`/workers/${encodeURIComponent(personId)}`}>{name}</Link>;

type ExitDialog = { worker?: WorkerOnPost; preset?: { reason: 'retirement'; exitDate: string } } | undefined;

/** 离岗记录: every exit with its reason and date (pay ends from that day). */
function ExitList({ onCreate }: { onCreate?: () => void }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const fetchPage = useCallback((r: PageRequest<Filter>, signal: AbortSignal) => listExits(town.id, r, signal), [town.id]);
  const list = usePagedList(FILTERS, fetchPage);
  const { filters } = list;
  const columns: TableColumnsType<ExitRow> = [
    { key: 'name', title: t('workers.field.name'), width: 110, render: (_v, r) => workerLink(r.personId, r.name) },
    { key: 'id', title: t('workers.field.idNumber'), dataIndex: 'idNumberMasked', width: 180 },
    { key: 'team', title: t('hiring.col.team'), dataIndex: 'teamName', width: 130 },
    { key: 'coop', title: t('quota.col.coop'), dataIndex: 'coopName', width: 200, ellipsis: true },
    { key: 'date', title: t('workers.exit.validFrom'), dataIndex: 'exitDate', width: 110 },
    {
      key: 'reason',
      title: t('workers.exit.reason'),
      dataIndex: 'reason',
      width: 130,
      render: (v: ExitRow['reason']) => (v ? vocab(EXIT_REASON_LABELS, v, lang) : '—'),
    },
    { key: 'note', title: t('common.note'), dataIndex: 'note', ellipsis: true },
    { key: 'by', title: t('exits.recordedBy'), dataIndex: 'recordedBy', width: 110 },
  ];
  return (
    <>
      <FilterBar
        onReset={list.resetFilters}
        canReset={list.hasFilters}
        extra={<ExportButton onExport={() => exportExits(town.id, { from: filters.from, to: filters.to, reason: filters.reason })} testId="exits-export" />}
      >
        <DateRangeFilter from={filters.from} to={filters.to} onChange={(from, to) => list.setFilters({ from, to })} />
        <SelectFilter
          value={filters.reason}
          onChange={(reason) => list.setFilters({ reason })}
          placeholder={t('workers.exit.reason')}
          options={[...EXIT_FORM_REASONS, 'transfer' as const].map((r) => ({ value: r, label: vocab(EXIT_REASON_LABELS, r, lang) }))}
          width={170}
        />
      </FilterBar>
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<ExitRow>
        rowKey={(r) => `${r.personId}-${r.exitDate}`}
        size="small"
        columns={columns}
        {...list.tableProps}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: (
            <Empty description={t(list.hasFilters ? 'exits.emptyFiltered' : 'exits.empty')}>
              {onCreate && !list.hasFilters && <Button onClick={onCreate}>{t('exits.create')}</Button>}
            </Empty>
          ),
        }}
        data-testid="exits-table"
      />
    </>
  );
}

/** 即将退休: workers reaching statutory age within the notice window (dated rule, the 2025 gradual raise). */
function RetirementList({ onExit }: { onExit?: (row: RetirementRow) => void }) {
  const { t } = useI18n();
  const town = useTown();
  const today = todayIso();
  const days = ruleValue('retirement.noticeDays', today);
  const load = useCallback((signal: AbortSignal) => listRetirements(town.id, days, signal), [town.id, days]);
  const { data, error, loading, reload } = useApi(load);
  const columns: TableColumnsType<RetirementRow> = [
    { key: 'name', title: t('workers.field.name'), width: 120, render: (_v, r) => workerLink(r.personId, r.name) },
    { key: 'sex', title: t('workers.col.sex'), dataIndex: 'sex', width: 70, render: (v: RetirementRow['sex']) => t(v === 'male' ? 'workers.male' : 'workers.female') },
    { key: 'birth', title: t('workers.field.birthDate'), dataIndex: 'birthDate', width: 120 },
    { key: 'team', title: t('hiring.col.team'), dataIndex: 'teamName', width: 150 },
    {
      key: 'retire',
      title: t('exits.retirementDate'),
      dataIndex: 'retirementDate',
      width: 210,
      render: (v: string) => {
        const days = daysUntil(v, today);
        return (
          <span>
            {v}{' '}
            {days < 0 ? (
              <Tag color="red">{t('exits.overdue', { days: -days })}</Tag>
            ) : (
              <Typography.Text type="secondary">{t('exits.inDays', { days })}</Typography.Text>
            )}
          </span>
        );
      },
    },
    ...(onExit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_v: unknown, r: RetirementRow) => (
              <Button size="small" type="link" onClick={() => onExit(r)}>
                {t('exits.create')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('exits.retirementIntro', { days })}</Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      <Table<RetirementRow>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: <Empty description={t('exits.retirementEmpty', { days })} /> }}
        data-testid="retirements-table"
      />
    </>
  );
}

/** 职数与招录 › 离岗: exits with filters and export, and the workers about to retire. */
export function ExitsPage() {
  const { t } = useI18n();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'retirements' ? 'retirements' : 'exits';
  const [dialog, setDialog] = useState<ExitDialog>();
  // Bumped after an exit: the lists remount and load again.
  const [version, setVersion] = useState(0);
  const manage = can('worker.exit');

  const exitRetiring = async (row: RetirementRow) => {
    try {
      const detail = await getWorker(town.id, row.personId);
      const worker = onPost({ personId: detail.person.id, name: detail.person.name, post: detail.post });
      setDialog({ worker, preset: { reason: 'retirement', exitDate: row.retirementDate } });
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('exits.title')}
        subTitle={t('exits.subtitle')}
        extra={
          manage && (
            <Button type="primary" danger icon={<LogoutOutlined />} onClick={() => setDialog({})} data-testid="exits-create">
              {t('exits.create')}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'retirements' ? { tab: key } : {}, { replace: true })}
          items={[
            { key: 'exits', label: t('exits.tab.exits'), children: <ExitList key={version} onCreate={manage ? () => setDialog({}) : undefined} /> },
            {
              key: 'retirements',
              label: t('exits.tab.retirements'),
              children: <RetirementList key={version} onExit={manage ? (r) => void exitRetiring(r) : undefined} />,
            },
          ]}
        />
      </Card>
      {manage && dialog && (
        <ExitModal
          open
          worker={dialog.worker}
          preset={dialog.preset}
          onClose={() => setDialog(undefined)}
          onSaved={() => setVersion((v) => v + 1)}
        />
      )}
    </>
  );
}
