import { BODY_KIND_LABELS, type Body } from '@gongyi/domain';
import { Card, Descriptions, Empty, Flex, Spin, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { listBodies } from '../../api/organisation';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';

type Member = Body['members'][number];

function BodyCard({ body }: { body: Body }) {
  const { t, lang } = useI18n();
  return (
    <Card
      title={body.name}
      extra={<Typography.Text type="secondary">{BODY_KIND_LABELS[body.kind][lang]}</Typography.Text>}
      data-testid={`body-${body.kind}`}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'seat', label: t('bodies.seat'), children: body.seatDepartmentName ?? '—' },
          {
            key: 'duties',
            label: t('bodies.duties'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{body.duties || '—'}</span>,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('bodies.members')}
      </Typography.Title>
      <Table<Member>
        rowKey={(m) => `${m.role}|${m.holder}`}
        size="small"
        pagination={false}
        dataSource={body.members}
        columns={[
          { title: t('bodies.role'), dataIndex: 'role', width: '40%' },
          { title: t('bodies.holder'), dataIndex: 'holder' },
        ]}
        locale={{ emptyText: t('bodies.noMembers') }}
      />
    </Card>
  );
}

export function BodiesPage() {
  const { t } = useI18n();
  const town = useTown();
  const load = useCallback((signal: AbortSignal) => listBodies(town.id, signal), [town.id]);
  const { data, error, loading, reload } = useApi(load);

  return (
    <>
      <PageHeader title={t('bodies.title')} />
      <LoadError error={error} onRetry={reload} />
      <Spin spinning={loading && !data}>
        {data && data.items.length === 0 ? (
          <Card>
            <Empty description={t('bodies.empty')} />
          </Card>
        ) : (
          <Flex vertical gap={16}>
            {data?.items.map((body) => <BodyCard key={body.id} body={body} />)}
          </Flex>
        )}
      </Spin>
    </>
  );
}
