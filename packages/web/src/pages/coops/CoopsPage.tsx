import { PlusOutlined } from '@ant-design/icons';
import type { Coop } from '@gongyi/domain';
import { Button, Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { EffectiveDates } from '../../components/EffectiveDates';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useOrgLookups } from '../../features/org/useOrgLookups';
import { useI18n } from '../../i18n';
import { useCan } from '../../session/SessionContext';
import { CategoryDefaults } from './CategoryDefaults';
import { CoopModal } from './CoopModal';

export function CoopsPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useOrgLookups();
  const manage = useCan()('org.manage');
  const [target, setTarget] = useState<Coop | 'new' | null>(null);

  const columns: TableColumnsType<Coop> = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <>
          <div>{c.name}</div>
          {c.shortName && c.shortName !== c.name && <Typography.Text type="secondary">{c.shortName}</Typography.Text>}
        </>
      ),
    },
    { title: t('coops.seat'), dataIndex: 'seatDepartmentName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t('coops.teamCount'), dataIndex: 'teamCount', width: 100, align: 'right' },
    {
      title: t('common.period'),
      key: 'dates',
      width: 230,
      render: (_, c) => <EffectiveDates validFrom={c.validFrom} validTo={c.validTo} />,
    },
    { title: t('common.note'), dataIndex: 'note', ellipsis: true },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => setTarget(c)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('coops.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')}>
              {t('coops.create')}
            </Button>
          )
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Card>
        <Table<Coop>
          rowKey="id"
          size="middle"
          pagination={false}
          loading={loading}
          columns={columns}
          dataSource={data?.coops ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t(manage ? 'coops.empty' : 'coops.emptyReadOnly')} /> }}
          data-testid="coops-table"
        />
      </Card>
      <CategoryDefaults
        categories={data?.categories ?? []}
        coops={data?.coops ?? []}
        loading={loading}
        onSaved={reload}
        readOnly={!manage}
      />
      <CoopModal
        target={target}
        departments={data?.departments ?? []}
        onClose={() => setTarget(null)}
        onSaved={reload}
      />
    </>
  );
}
