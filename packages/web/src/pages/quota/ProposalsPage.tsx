import { PlusOutlined } from '@ant-design/icons';
import { COMPLEXITY_LABELS, PROPOSAL_STATES, PROPOSAL_STATE_LABELS, type QuotaProposal } from '@gongyi/domain';
import { Button, Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { listProposals } from '../../api/staffing';
import { FilterBar, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { ProposalStateTag, QuotaFigure } from '../../features/staffing/display';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { ProposalDecisionModal } from './ProposalDecisionModal';
import { ProposalModal } from './ProposalModal';

const FILTERS = ['state'] as const;
type Filter = (typeof FILTERS)[number];

/** 职数与招录 › 职数申报: departments propose a team's quota with the notice's parameters; town HR decides (R9). */
export function ProposalsPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const fetchPage = useCallback((r: PageRequest<Filter>, signal: AbortSignal) => listProposals(town.id, r, signal), [town.id]);
  const list = usePagedList(FILTERS, fetchPage);
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<QuotaProposal>();
  const manage = can('quota.manage');
  const propose = can('quota.propose');

  const columns: TableColumnsType<QuotaProposal> = [
    {
      key: 'team',
      title: t('proposals.col.team'),
      width: 190,
      fixed: 'left',
      render: (_v, p) => (
        <span>
          {p.teamName}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('proposals.filedBy', { name: p.createdBy, at: timestampText(p.createdAt) })}>
            {p.departmentName} · {timestampText(p.createdAt).slice(0, 10)}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'area', title: t('proposals.field.area'), dataIndex: 'areaKm2', width: 96, align: 'right', render: (v: number) => v.toFixed(2) },
    { key: 'people', title: t('proposals.field.people'), dataIndex: 'peopleServed', width: 84, align: 'right' },
    { key: 'complexity', title: t('proposals.field.complexity'), dataIndex: 'complexity', width: 84, render: (v: QuotaProposal['complexity']) => vocab(COMPLEXITY_LABELS, v, lang) },
    { key: 'current', title: t('proposals.col.current'), dataIndex: 'currentQuota', width: 84, align: 'right', render: (v: number | null) => <QuotaFigure value={v} /> },
    { key: 'requested', title: t('proposals.field.requested'), dataIndex: 'requested', width: 84, align: 'right' },
    { key: 'approved', title: t('proposals.col.approved'), dataIndex: 'approvedQuota', width: 84, align: 'right', render: (v: number | null) => <QuotaFigure value={v} /> },
    { key: 'reason', title: t('proposals.field.reason'), dataIndex: 'reason', ellipsis: true },
    {
      key: 'state',
      title: t('proposals.col.state'),
      width: 160,
      render: (_v, p) => (
        <span>
          <ProposalStateTag state={p.state} />
          {p.decisionReason && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} ellipsis={{ rows: 2, tooltip: p.decisionReason }}>
              {p.decisionReason}
            </Typography.Paragraph>
          )}
        </span>
      ),
    },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 72,
            fixed: 'right' as const,
            render: (_v: unknown, p: QuotaProposal) =>
              p.state === 'pending' ? (
                <Button size="small" type="link" onClick={() => setDeciding(p)} data-testid={`proposal-decide-${p.id}`}>
                  {t('proposals.decide')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('proposals.title')}
        subTitle={t('proposals.subtitle')}
        extra={
          propose && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('proposals.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SelectFilter
            value={list.filters.state}
            onChange={(state) => list.setFilters({ state })}
            placeholder={t('proposals.col.state')}
            options={PROPOSAL_STATES.map((s) => ({ value: s, label: vocab(PROPOSAL_STATE_LABELS, s, lang) }))}
            width={140}
          />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<QuotaProposal>
          rowKey="id"
          size="small"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1060 }}
          locale={{
            emptyText: <Empty description={t(list.hasFilters ? 'proposals.emptyFiltered' : propose ? 'proposals.empty' : 'proposals.emptyReadOnly')} />,
          }}
          data-testid="proposals-table"
        />
      </Card>
      {propose && <ProposalModal open={creating} onClose={() => setCreating(false)} onSaved={list.reload} />}
      {manage && deciding && <ProposalDecisionModal proposal={deciding} onClose={() => setDeciding(undefined)} onSaved={list.reload} />}
    </>
  );
}
