import { PlusOutlined } from '@ant-design/icons';
import { COMMUNITY_KINDS, COMMUNITY_KIND_LABELS, type Community } from '@gongyi/domain';
import { Button, Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { exportList, listCommunities } from '../../api/organisation';
import { EndDate } from '../../components/EffectiveDates';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar, OnDateFilter, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { useCan, useTown } from '../../session/SessionContext';
import { CommunityModal } from './CommunityModal';

const FILTERS = ['q', 'kind', 'on'] as const;
type Filter = (typeof FILTERS)[number];

export function CommunitiesPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const manage = useCan()('org.manage');
  const [target, setTarget] = useState<Community | 'new' | null>(null);

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) =>
      listCommunities(town.id, { ...r, kind: oneOf(COMMUNITY_KINDS, r.kind) }, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage);

  const columns: TableColumnsType<Community> = [
    { title: t('common.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('common.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (_, c) => (
        <Tag color={c.kind === 'village' ? 'green' : 'blue'}>{COMMUNITY_KIND_LABELS[c.kind][lang]}</Tag>
      ),
    },
    { title: t('common.validFrom'), dataIndex: 'validFrom', width: 120 },
    { title: t('common.validTo'), dataIndex: 'validTo', width: 150, render: (_, c) => <EndDate validTo={c.validTo} /> },
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
        title={t('communities.title')}
        extra={
          <>
            <ExportButton onExport={() => exportList(town.id, 'communities', list.filters)} testId="communities-export" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')}>
                {t('communities.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('communities.search')} />
          <SelectFilter
            value={list.filters.kind}
            onChange={(kind) => list.setFilters({ kind })}
            placeholder={t('common.kind')}
            options={COMMUNITY_KINDS.map((k) => ({ value: k, label: COMMUNITY_KIND_LABELS[k][lang] }))}
          />
          <OnDateFilter value={list.filters.on} onChange={(on) => list.setFilters({ on })} />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Community>
          rowKey="id"
          size="middle"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 800 }}
          locale={{
            emptyText: (
              <Empty description={t(list.hasFilters ? 'communities.emptyFiltered' : manage ? 'communities.empty' : 'communities.emptyReadOnly')} />
            ),
          }}
          data-testid="communities-table"
        />
      </Card>
      <CommunityModal target={target} onClose={() => setTarget(null)} onSaved={list.reload} />
    </>
  );
}
