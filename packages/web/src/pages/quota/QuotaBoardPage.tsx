import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import type { QuotaBoard } from '@gongyi/domain';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Statistic, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { exportQuotaBoard, getQuotaBoard, listQuotaPlans } from '../../api/staffing';
import { ExportButton } from '../../components/ExportButton';
import { OnDateFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { categoryName } from '../../features/org/useOrgLookups';
import { QuotaFigure } from '../../features/staffing/display';
import { useApi } from '../../hooks/useApi';
import { useI18n, type Translate } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { PlanHistoryDrawer } from './PlanHistoryDrawer';
import { QuotaPlanModal } from './QuotaPlanModal';

type Line = QuotaBoard['total'];
type TeamLine = QuotaBoard['teams'][number];
type CategoryLine = QuotaBoard['categories'][number];

const RED = '#cf1322';

/** Filled and reserved places against the quota: green filled, blue reserved, red when over. */
function Occupancy({ line }: { line: Line }) {
  const { t } = useI18n();
  if (!line.quota) return <Typography.Text type="secondary">—</Typography.Text>;
  const used = line.filled + line.reserved;
  return (
    <Tooltip title={t('quota.occupancyHint', { filled: line.filled, reserved: line.reserved, quota: line.quota })}>
      <Progress
        percent={Math.min(100, (used / line.quota) * 100)}
        success={{ percent: Math.min(100, (line.filled / line.quota) * 100) }}
        strokeColor={line.over ? RED : '#1677ff'}
        size="small"
        format={() => `${used}/${line.quota}`}
        style={{ margin: 0, minWidth: 140 }}
      />
    </Tooltip>
  );
}

function lineColumns<T extends Line>(t: Translate): TableColumnsType<T> {
  return [
    { key: 'quota', title: t('quota.col.quota'), dataIndex: 'quota', width: 90, align: 'right', render: (_v, l) => <QuotaFigure value={l.quota} /> },
    { key: 'filled', title: t('quota.col.filled'), dataIndex: 'filled', width: 80, align: 'right' },
    { key: 'reserved', title: t('quota.col.reserved'), dataIndex: 'reserved', width: 100, align: 'right' },
    {
      key: 'vacancies',
      title: t('quota.col.vacancies'),
      dataIndex: 'vacancies',
      width: 80,
      align: 'right',
      render: (_v, l) => <QuotaFigure value={l.vacancies} over={l.over} />,
    },
    { key: 'bar', title: t('quota.col.occupancy'), width: 200, render: (_v, l) => <Occupancy line={l} /> },
  ];
}

/** 职数与招录 › 职数看板: quota, filled, reserved and vacancies for the town, each category and team (R9, R10). */
export function QuotaBoardPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const on = params.get('on') ?? undefined;
  const load = useCallback((signal: AbortSignal) => getQuotaBoard(town.id, on, signal), [town.id, on]);
  const board = useApi(load);
  const loadPlans = useCallback((signal: AbortSignal) => listQuotaPlans(town.id, signal), [town.id]);
  const plans = useApi(loadPlans);
  const [dialog, setDialog] = useState<'plan' | 'history'>();
  const data = board.data;

  const setOn = (value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set('on', value);
      else next.delete('on');
      return next;
    });

  const teamColumns: TableColumnsType<TeamLine> = [
    { key: 'name', title: t('quota.col.team'), dataIndex: 'name', width: 150, fixed: 'left' },
    {
      key: 'category',
      title: t('quota.col.category'),
      dataIndex: 'categoryId',
      width: 110,
      render: (id: string) => {
        const category = data?.categories.find((c) => c.id === id);
        return category ? categoryName(category, lang) : '—';
      },
    },
    { key: 'coop', title: t('quota.col.coop'), dataIndex: 'coopName', width: 200, ellipsis: true },
    ...lineColumns<TeamLine>(t),
  ];
  const categoryColumns: TableColumnsType<CategoryLine> = [
    { key: 'name', title: t('quota.col.category'), dataIndex: 'name', width: 150, render: (_v, c) => categoryName(c, lang) },
    ...lineColumns<CategoryLine>(t),
  ];
  const total = data?.total;
  const figure = (label: string, value: number | null | undefined, danger = false, testId?: string) => (
    <Col span={6}>
      <Card size="small" loading={board.loading && !data}>
        <Statistic title={label} value={value ?? '—'} styles={{ content: danger ? { color: RED } : undefined }} data-testid={testId} />
      </Card>
    </Col>
  );

  return (
    <>
      <PageHeader
        title={t('quota.title')}
        subTitle={
          data?.plan
            ? t('quota.planInForce', { from: data.plan.validFrom, total: data.plan.total, basis: data.plan.basis || '—' })
            : undefined
        }
        extra={
          <>
            <OnDateFilter value={on} onChange={setOn} />
            <Button icon={<HistoryOutlined />} onClick={() => setDialog('history')} data-testid="quota-history">
              {t('quota.history')}
            </Button>
            <ExportButton onExport={() => exportQuotaBoard(town.id, on)} testId="quota-export" />
            {can('quota.manage') && (
              <Button type="primary" icon={<EditOutlined />} disabled={!data} onClick={() => setDialog('plan')} data-testid="quota-adjust">
                {t('quota.adjust')}
              </Button>
            )}
          </>
        }
      />
      <LoadError error={board.error} onRetry={board.reload} />
      {data && !data.plan && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(can('quota.manage') ? 'quota.noPlan' : 'quota.noPlanReadOnly', { date: data.on })}
        />
      )}
      {total?.over && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('quota.overTotal')} />}
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="quota-figures">
        {figure(t('quota.col.quota'), total?.quota, false, 'quota-total')}
        {figure(t('quota.col.filled'), total?.filled)}
        {figure(t('quota.col.reserved'), total?.reserved)}
        {figure(t('quota.col.vacancies'), total?.vacancies, total?.over, 'quota-vacancies')}
      </Row>
      <Flex vertical gap={16}>
        <Card size="small" title={t('quota.byCategory')}>
          <Table<CategoryLine>
            rowKey="id"
            size="small"
            pagination={false}
            columns={categoryColumns}
            dataSource={data?.categories ?? []}
            loading={board.loading}
            onRow={(l) => ({ style: l.over ? { background: '#fff1f0' } : undefined })}
            data-testid="quota-categories"
          />
        </Card>
        <Card size="small" title={t('quota.byTeam')} extra={<Typography.Text type="secondary">{t('quota.byTeamHint')}</Typography.Text>}>
          <Table<TeamLine>
            rowKey="id"
            size="small"
            pagination={false}
            columns={teamColumns}
            dataSource={data?.teams ?? []}
            loading={board.loading}
            scroll={{ x: 1010 }}
            onRow={(l) => ({ style: l.over ? { background: '#fff1f0' } : undefined })}
            locale={{ emptyText: <Empty description={t('quota.noTeams')} /> }}
            data-testid="quota-teams"
          />
        </Card>
      </Flex>
      <PlanHistoryDrawer open={dialog === 'history'} plans={plans} board={data} onClose={() => setDialog(undefined)} />
      {data && can('quota.manage') && (
        <QuotaPlanModal
          open={dialog === 'plan'}
          board={data}
          plans={plans.data ?? []}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            board.reload();
            plans.reload();
          }}
        />
      )}
    </>
  );
}
