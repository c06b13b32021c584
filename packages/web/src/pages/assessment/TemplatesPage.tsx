import { PlusOutlined } from '@ant-design/icons';
import { INDICATOR_PART_LABELS, SCORER_LABELS, type Template } from '@gongyi/domain';
import { App, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { approveTemplate, listTemplates } from '../../api/assessment';
import { FilterBar } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { monthText, TeamFilter } from '../../features/assessment/display';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { TemplateModal } from './TemplateModal';

/** 考勤考核 › 考核指标: each team's indicators by version; management bodies draw them up, the leadership group approves (R25, R23). */
export function TemplatesPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const teams = useWorkerLookups().data?.teams;
  const [params, setParams] = useSearchParams();
  const teamId = params.get('teamId') ?? undefined;
  const load = useCallback((signal: AbortSignal) => listTemplates(town.id, teamId, signal), [town.id, teamId]);
  const { data, error, loading, reload } = useApi(load);
  const [creating, setCreating] = useState(false);
  const manage = can('assessment.template.manage');
  const approve = can('assessment.template.approve');

  const doApprove = async (tpl: Template) => {
    try {
      await approveTemplate(town.id, tpl.id);
      void message.success(t('assessment.templates.approved', { team: tpl.teamName }));
      reload();
    } catch (e) {
      reportError(e);
    }
  };

  const columns: TableColumnsType<Template> = [
    { key: 'team', title: t('assessment.col.team'), dataIndex: 'teamName', width: 150 },
    { key: 'from', title: t('assessment.templates.from'), dataIndex: 'validFromMonth', width: 110, render: (m: string) => monthText(m, lang) },
    {
      key: 'indicators',
      title: t('assessment.templates.indicators'),
      render: (_v, tpl) => (
        <Flex gap={4} wrap>
          {tpl.indicators.map((i) => (
            <Tag key={i.id} color={i.scorer === 'community' ? 'purple' : undefined} style={{ marginInlineEnd: 0 }}>
              {i.name} {i.pointsTenths / 10}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'absence', title: t('assessment.templates.absence'), dataIndex: 'absencePointsPerDayTenths', width: 100, align: 'right', render: (v: number) => v / 10 },
    {
      key: 'state',
      title: t('assessment.col.state'),
      width: 170,
      render: (_v, tpl) =>
        tpl.state === 'approved' ? (
          <span>
            <Tag color="green">{t('assessment.templates.stateApproved')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {tpl.approvedBy} {timestampText(tpl.approvedAt).slice(0, 10)}
            </Typography.Text>
          </span>
        ) : (
          <Tag color="gold">{t('assessment.templates.stateDraft')}</Tag>
        ),
    },
    ...(approve
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            render: (_v: unknown, tpl: Template) =>
              tpl.state === 'draft' ? (
                <Popconfirm title={t('assessment.templates.approveConfirm', { team: tpl.teamName, month: monthText(tpl.validFromMonth, lang) })} onConfirm={() => doApprove(tpl)}>
                  <Button size="small" type="link" data-testid={`template-approve-${tpl.id}`}>
                    {t('assessment.templates.approve')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.templates')}
        subTitle={t('assessment.templates.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="template-create">
              {t('assessment.templates.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar onReset={() => setParams({}, { replace: true })} canReset={!!teamId}>
          <TeamFilter value={teamId} onChange={(v) => setParams(v ? { teamId: v } : {}, { replace: true })} />
          <Typography.Text type="secondary">
            {vocab(SCORER_LABELS, 'community', lang)}：<Tag color="purple">{t('assessment.grid.byCommunity')}</Tag>
            {vocab(INDICATOR_PART_LABELS, 'business', lang)} + {vocab(INDICATOR_PART_LABELS, 'conduct', lang)} = 100
          </Typography.Text>
        </FilterBar>
        <LoadError error={error} onRetry={reload} />
        <Table<Template>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data ?? []}
          loading={loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t(manage ? 'assessment.templates.empty' : 'assessment.templates.emptyReadOnly')} /> }}
          data-testid="templates-table"
        />
      </Card>
      {manage && creating && <TemplateModal teams={teams ?? []} onClose={() => setCreating(false)} onSaved={reload} />}
    </>
  );
}
