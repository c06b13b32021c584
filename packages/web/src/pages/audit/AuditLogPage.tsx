import type { AuditRecord } from '@gongyi/domain';
import { Card, Col, Descriptions, Empty, Row, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, type CSSProperties } from 'react';
import { exportAudit, listAudit } from '../../api/identity';
import { ExportButton } from '../../components/ExportButton';
import { DateRangeFilter, FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { oneOf } from '../../lib/oneOf';
import { useCan, useTown } from '../../session/SessionContext';
import {
  AUDIT_ACTIONS,
  AUDIT_OBJECT_TYPES,
  AUDIT_RESULTS,
  labelOf,
  prettyJson,
  RESULT_COLORS,
  RESULT_LABELS,
} from './vocabulary';

const FILTERS = ['actor', 'action', 'objectType', 'result', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

const PRE: CSSProperties = {
  margin: 0,
  padding: 8,
  maxHeight: 320,
  overflow: 'auto',
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 6,
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
};

function JsonBlock({ title, text }: { title: string; text: string | null }) {
  const { t } = useI18n();
  const pretty = prettyJson(text);
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      {pretty === null ? (
        <Typography.Paragraph type="secondary">{t('audit.none')}</Typography.Paragraph>
      ) : (
        <pre style={PRE}>{pretty}</pre>
      )}
    </>
  );
}

/** The expanded row: what changed, and how to find and check the record. */
function AuditDetail({ record }: { record: AuditRecord }) {
  const { t } = useI18n();
  const mono = { fontFamily: 'monospace', fontSize: 12 };
  return (
    <div data-testid="audit-detail" style={{ padding: '4px 8px' }}>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={12}>
          <JsonBlock title={t('audit.before')} text={record.before} />
        </Col>
        <Col span={12}>
          <JsonBlock title={t('audit.after')} text={record.after} />
        </Col>
      </Row>
      <Descriptions
        size="small"
        bordered
        column={2}
        styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'seq', label: t('audit.seq'), children: record.seq },
          {
            key: 'object',
            label: t('audit.objectId'),
            children: (
              <Typography.Text copyable style={mono}>
                {record.objectId}
              </Typography.Text>
            ),
          },
          {
            key: 'request',
            label: t('audit.requestId'),
            span: 2,
            children: (
              <Typography.Text copyable style={mono}>
                {record.requestId}
              </Typography.Text>
            ),
          },
          {
            key: 'hash',
            label: t('audit.hash'),
            span: 2,
            children: (
              <Typography.Text copyable style={{ ...mono, wordBreak: 'break-all' }}>
                {record.hash}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}

/** 监察审计 › 审计日志 (audit_admin, supervision): every sign-in, denial and change, newest first. */
export function AuditLogPage() {
  const { t } = useI18n();
  const town = useTown();
  const can = useCan();

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) =>
      listAudit(town.id, { ...r, result: oneOf(AUDIT_RESULTS, r.result) }, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage);
  const { filters } = list;

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.at'), dataIndex: 'at', width: 168, render: (v: string) => timestampText(v, true) },
    { title: t('audit.actor'), dataIndex: 'actor', width: 160, ellipsis: { showTitle: true } },
    { title: t('audit.grant'), dataIndex: 'grant', width: 150, ellipsis: { showTitle: true } },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 124,
      render: (v: string) => <span title={v}>{labelOf(AUDIT_ACTIONS, v, t)}</span>,
    },
    {
      title: t('audit.object'),
      key: 'object',
      ellipsis: true,
      render: (_, r) => (
        <Tooltip title={`${r.objectType} · ${r.objectId}`}>
          <span>
            {labelOf(AUDIT_OBJECT_TYPES, r.objectType, t)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.objectId}
            </Typography.Text>
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 76,
      render: (v: string) => <Tag color={RESULT_COLORS[v]}>{labelOf(RESULT_LABELS, v, t)}</Tag>,
    },
    { title: 'IP', dataIndex: 'ip', width: 110, ellipsis: { showTitle: true } },
  ];

  const options = (labels: Record<string, Parameters<typeof t>[0]>) =>
    Object.entries(labels).map(([value, key]) => ({ value, label: t(key), title: value }));

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subTitle={t('audit.subtitle')}
        extra={
          can('audit.export') && (
            <ExportButton
              onExport={() => exportAudit(town.id, { ...filters, result: oneOf(AUDIT_RESULTS, filters.result) })}
              testId="audit-export"
            />
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter
            value={filters.actor}
            onChange={(actor) => list.setFilters({ actor })}
            placeholder={t('audit.actorSearch')}
            width={200}
          />
          <SelectFilter
            value={filters.action}
            onChange={(action) => list.setFilters({ action })}
            placeholder={t('audit.action')}
            options={options(AUDIT_ACTIONS)}
            width={170}
          />
          <SelectFilter
            value={filters.objectType}
            onChange={(objectType) => list.setFilters({ objectType })}
            placeholder={t('audit.objectType')}
            options={options(AUDIT_OBJECT_TYPES)}
            width={140}
          />
          <SelectFilter
            value={filters.result}
            onChange={(result) => list.setFilters({ result })}
            placeholder={t('audit.result')}
            options={options(RESULT_LABELS)}
            width={110}
          />
          <DateRangeFilter
            from={filters.from}
            to={filters.to}
            onChange={(from, to) => list.setFilters({ from, to })}
            width={250}
          />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<AuditRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1040 }}
          expandable={{ expandedRowRender: (r) => <AuditDetail record={r} /> }}
          locale={{ emptyText: <Empty description={t(list.hasFilters ? 'audit.emptyFiltered' : 'audit.empty')} /> }}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
