import { DownloadOutlined } from '@ant-design/icons';
import type { ImportPreview } from '@gongyi/domain';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n';
import { problemLines, type ProblemLine } from '../../../features/workers/importMapping';

interface Props {
  preview: ImportPreview;
  downloading: boolean;
  onReport: () => void;
}

const FIGURES: { key: keyof ImportPreview['counts']; label: MessageKey; color?: string }[] = [
  { key: 'total', label: 'import.count.total' },
  { key: 'create', label: 'import.count.create', color: '#389e0d' },
  { key: 'unchanged', label: 'import.count.unchanged' },
  { key: 'differs', label: 'import.count.differs', color: '#d48806' },
  { key: 'error', label: 'import.count.error', color: '#cf1322' },
];

/** Step 3 预检结果: what the import would do, row by row, before anything is written. */
export function CheckStep({ preview, downloading, onReport }: Props) {
  const { t } = useI18n();
  const { counts } = preview;
  const lines = problemLines(preview.rows);
  const partial = preview.rows.length < counts.total;

  const columns: TableColumnsType<ProblemLine> = [
    { title: t('import.col.row'), dataIndex: 'row', width: 72, render: (row: number) => t('import.rowNumber', { row }) },
    { title: t('import.col.name'), dataIndex: 'name', width: 96, render: (name: string) => name || '—' },
    {
      title: t('import.col.status'),
      dataIndex: 'status',
      width: 96,
      render: (status: ProblemLine['status']) =>
        status === 'error' ? <Tag color="red">{t('import.status.error')}</Tag> : <Tag color="gold">{t('import.status.differs')}</Tag>,
    },
    { title: t('import.col.header'), dataIndex: 'column', width: 120, render: (c: string) => c || '—' },
    {
      title: t('import.col.value'),
      dataIndex: 'value',
      width: 170,
      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
    { title: t('import.col.message'), dataIndex: 'message' },
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]} data-testid="import-counts">
        {FIGURES.map((f) => (
          <Col key={f.key} flex="1 1 160px">
            <Card size="small">
              <Statistic title={t(f.label)} value={counts[f.key]} styles={{ content: f.color && counts[f.key] > 0 ? { color: f.color } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      {counts.error > 0 ? (
        <Alert type="error" showIcon title={t('import.hasErrors', { count: counts.error })} data-testid="import-has-errors" />
      ) : counts.create > 0 ? (
        <Alert type="success" showIcon title={t('import.ready', { count: counts.create })} />
      ) : (
        <Alert type="info" showIcon title={t('import.nothingNew')} />
      )}
      {preview.missingFields.length > 0 && <Alert type="warning" showIcon title={t('import.missing', { fields: preview.missingFields.join('、') })} />}
      {counts.differs > 0 && <Alert type="warning" showIcon title={t('import.differs', { count: counts.differs })} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.problems')}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={onReport} data-testid="import-report">
          {t(lines.length > 0 ? 'import.downloadReport' : 'import.downloadResults')}
        </Button>
      </Flex>
      {partial && <Typography.Text type="secondary">{t('import.partial', { shown: preview.rows.length, total: counts.total })}</Typography.Text>}
      <Table<ProblemLine>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('import.problemTotal', { total }) }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('import.noProblems') }}
        data-testid="import-problems"
      />
    </Flex>
  );
}
