import { CalculatorOutlined } from '@ant-design/icons';
import type { AnnualRow } from '@gongyi/domain';
import { App, Button, Card, DatePicker, Empty, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { computeAnnual, exportAnnual, listAnnual } from '../../api/assessment';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { GradeTag, pageOf, TeamFilter } from '../../features/assessment/display';
import { tenthsText } from '../../features/assessment/sheetGrid';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { AnnualDecisionModal } from './AnnualDecisionModal';

/** 考勤考核 › 年度考核: the mean of the locked months, the district's rating, the leadership group's decision (R25, R8). */
export function AnnualPage() {
  const { t } = useI18n();
  const town = useTown();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const teamId = params.get('teamId') ?? undefined;
  const load = useCallback((signal: AbortSignal) => listAnnual(town.id, year, teamId, signal), [town.id, year, teamId]);
  const { data, error, loading, reload } = useApi(load);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [deciding, setDeciding] = useState<AnnualRow>();
  const [computing, setComputing] = useState(false);
  const decide = can('assessment.annual');
  const setFilter = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const compute = async () => {
    setComputing(true);
    try {
      const { computed } = await computeAnnual(town.id, year, teamId);
      void message.success(t('assessment.annual.computed', { count: computed, year }));
      reload();
    } catch (e) {
      reportError(e);
    } finally {
      setComputing(false);
    }
  };

  const columns: TableColumnsType<AnnualRow> = [
    { key: 'name', title: t('assessment.grid.name'), dataIndex: 'name', width: 100, fixed: 'left' },
    { key: 'team', title: t('assessment.col.team'), dataIndex: 'teamName', width: 140 },
    { key: 'months', title: t('assessment.annual.months'), dataIndex: 'months', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
    { key: 'mean', title: t('assessment.annual.mean'), dataIndex: 'meanTenths', width: 80, align: 'right', render: (v: number | null) => tenthsText(v) || '—' },
    { key: 'computed', title: t('assessment.annual.computedGrade'), dataIndex: 'computed', width: 100, render: (v: AnnualRow['computed']) => <GradeTag grade={v} /> },
    {
      key: 'outcome',
      title: t('assessment.annual.outcome'),
      width: 150,
      render: (_v, r) => (
        <span>
          <GradeTag grade={r.outcome} />{' '}
          <Typography.Text type={r.pass ? 'success' : 'danger'} style={{ fontSize: 12 }}>
            {t(r.pass ? 'assessment.annual.pass' : 'assessment.annual.fail')}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'district', title: t('assessment.annual.district'), dataIndex: 'districtRating', width: 110 },
    {
      key: 'decision',
      title: t('assessment.annual.decision'),
      render: (_v, r) =>
        r.decisionStep === 0 ? (
          r.decisionReason
        ) : (
          <span>
            <Tag color={r.decisionStep > 0 ? 'green' : 'orange'}>{t(r.decisionStep > 0 ? 'assessment.annual.up' : 'assessment.annual.down')}</Tag>
            {r.decisionReason}
          </span>
        ),
    },
    ...(decide
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            fixed: 'right' as const,
            render: (_v: unknown, r: AnnualRow) =>
              r.computed ? (
                <Button size="small" type="link" onClick={() => setDeciding(r)} data-testid={`annual-decide-${r.personId}`}>
                  {t('assessment.annual.decide')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.annual')}
        subTitle={t('assessment.annual.subtitle')}
        extra={
          <>
            <ExportButton onExport={() => exportAnnual(town.id, year, teamId)} testId="annual-export" />
            {decide && (
              <Popconfirm title={t('assessment.annual.computeConfirm', { year })} onConfirm={() => compute()}>
                <Button type="primary" icon={<CalculatorOutlined />} loading={computing} data-testid="annual-compute">
                  {t('assessment.annual.compute')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card>
        <FilterBar onReset={() => setFilter({ year: undefined, teamId: undefined })} canReset={params.has('year') || !!teamId}>
          <DatePicker
            picker="year"
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => setFilter({ year: d ? String(d.year()) : undefined })}
            allowClear={false}
            format="YYYY年"
            aria-label={t('assessment.annual.year')}
            disabledDate={(d) => d.year() > dayjs().year()}
            style={{ width: 120 }}
          />
          <TeamFilter value={teamId} onChange={(v) => setFilter({ teamId: v })} />
        </FilterBar>
        <LoadError error={error} onRetry={reload} />
        <Table<AnnualRow>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={pageOf(data ?? [], page).items}
          loading={loading}
          scroll={{ x: 1040 }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: data?.length ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, size) => setPage({ page: p, pageSize: size }) }}
          locale={{ emptyText: <Empty description={t(decide ? 'assessment.annual.empty' : 'assessment.annual.emptyReadOnly', { year })} /> }}
          data-testid="annual-table"
        />
      </Card>
      {deciding && <AnnualDecisionModal row={deciding} onClose={() => setDeciding(undefined)} onSaved={reload} />}
    </>
  );
}
