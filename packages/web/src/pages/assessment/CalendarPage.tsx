import { EditOutlined } from '@ant-design/icons';
import type { Calendar } from '@gongyi/domain';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Row, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getCalendar } from '../../api/assessment';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { CalendarModal } from './CalendarModal';

const SOURCE_COLORS: Record<Calendar['source'], string> = { package: 'blue', admin: 'purple', missing: 'red' };

/** 节假日日历: a year's statutory holidays and make-up workdays, from the calendar package or entered by an administrator when the package lacks the year. */
export function CalendarPage() {
  const { t } = useI18n();
  const town = useTown();
  const manage = useCan()('calendar.manage');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const load = useCallback((signal: AbortSignal) => getCalendar(town.id, year, signal), [town.id, year]);
  const { data, error, loading, reload } = useApi(load);
  const [editing, setEditing] = useState(false);
  const columns = [
    { key: 'date', title: t('assessment.calendar.date'), dataIndex: 'date', width: 120, render: (d: string) => `${d} ${dayjs(d).locale('zh-cn').format('dd')}` },
    { key: 'name', title: t('assessment.calendar.name'), dataIndex: 'name' },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.calendar')}
        subTitle={t('assessment.calendar.subtitle')}
        extra={
          manage &&
          data && (
            <Button type={data.source === 'missing' ? 'primary' : 'default'} icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="calendar-edit">
              {t(data.source === 'missing' ? 'assessment.calendar.enter' : 'assessment.calendar.edit', { year })}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={16} align="center" style={{ marginBottom: 16 }}>
          <DatePicker picker="year" value={dayjs(`${year}-01-01`)} onChange={(d) => setParams(d ? { year: String(d.year()) } : {}, { replace: true })} allowClear={false} format="YYYY年" style={{ width: 120 }} aria-label={t('assessment.annual.year')} />
          {data && (
            <Tag color={SOURCE_COLORS[data.source]} data-testid="calendar-source">
              {t(`assessment.calendar.source.${data.source}`)}
            </Tag>
          )}
        </Flex>
        <LoadError error={error} onRetry={reload} />
        {data?.source === 'missing' && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('assessment.calendar.missing', { year })}
            description={t(manage ? 'assessment.calendar.missingAdmin' : 'assessment.calendar.missingOthers')}
            data-testid="calendar-missing"
          />
        )}
        <Row gutter={16}>
          <Col span={14}>
            <Table size="small" rowKey="date" title={() => t('assessment.calendar.holidays', { count: data?.holidays.length ?? 0 })} columns={columns} dataSource={data?.holidays ?? []} loading={loading} pagination={false} scroll={{ y: 420 }} locale={{ emptyText: <Empty description={t('assessment.calendar.none')} /> }} data-testid="calendar-holidays" />
          </Col>
          <Col span={10}>
            <Table size="small" rowKey="date" title={() => t('assessment.calendar.workdays', { count: data?.workdays.length ?? 0 })} columns={columns} dataSource={data?.workdays ?? []} loading={loading} pagination={false} scroll={{ y: 420 }} locale={{ emptyText: <Empty description={t('assessment.calendar.none')} /> }} data-testid="calendar-workdays" />
          </Col>
        </Row>
      </Card>
      {editing && data && <CalendarModal calendar={data} onClose={() => setEditing(false)} onSaved={reload} />}
    </>
  );
}
