import { Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getOverdue, type OverdueRow } from '../../api/assessment';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { MonthPicker, monthText, SheetStateTag } from '../../features/assessment/display';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

/** Last month: the one due by the 10th of this month. */
const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');

/** 考勤考核 › 逾期: every unit and team with workers that month whose sheet is not yet submitted (#6 part 4). */
export function OverduePage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? lastMonth();
  const load = useCallback((signal: AbortSignal) => getOverdue(town.id, month, signal), [town.id, month]);
  const { data, error, loading, reload } = useApi(load);
  const overdue = (data ?? []).filter((r) => r.overdue).length;

  const columns: TableColumnsType<OverdueRow> = [
    { key: 'unit', title: t('assessment.col.unit'), dataIndex: 'departmentName', width: 200, ellipsis: true },
    { key: 'team', title: t('assessment.col.team'), dataIndex: 'teamName', width: 160 },
    { key: 'workers', title: t('assessment.col.workers'), dataIndex: 'workers', width: 80, align: 'right' },
    {
      key: 'state',
      title: t('assessment.col.state'),
      width: 150,
      render: (_v, r) => (r.state ? <SheetStateTag state={r.state} /> : <Tag>{t('assessment.overdueBoard.notOpened')}</Tag>),
    },
    {
      key: 'due',
      title: t('assessment.col.dueDate'),
      width: 160,
      render: (_v, r) => (r.overdue ? <Typography.Text type="danger" strong>{`${r.dueDate} ${t('assessment.overdue')}`}</Typography.Text> : r.dueDate),
    },
    { key: 'open', title: t('common.actions'), width: 90, render: (_v, r) => (r.sheetId ? <Link to={`/assessment/sheets/${r.sheetId}`}>{t('assessment.open')}</Link> : null) },
  ];

  return (
    <>
      <PageHeader title={t('nav.overdue')} subTitle={t('assessment.overdueBoard.subtitle')} />
      <Card>
        <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
          <MonthPicker value={month} allowClear={false} onChange={(m) => setParams(m ? { month: m } : {}, { replace: true })} testId="overdue-month" />
          {data && (
            <Typography.Text data-testid="overdue-summary">
              {t('assessment.overdueBoard.summary', { month: monthText(month, lang), open: data.length, overdue })}
            </Typography.Text>
          )}
        </Flex>
        <LoadError error={error} onRetry={reload} />
        <Table<OverdueRow>
          rowKey={(r) => `${r.departmentId}|${r.teamId}`}
          size="small"
          columns={columns}
          dataSource={data ?? []}
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('assessment.overdueBoard.empty')} /> }}
          data-testid="overdue-table"
        />
      </Card>
    </>
  );
}
