import { PlusOutlined } from '@ant-design/icons';
import { DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS, type Department } from '@gongyi/domain';
import { Button, Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { exportList, listDepartments } from '../../api/organisation';
import { EndDate } from '../../components/EffectiveDates';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar, OnDateFilter, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import { oneOf } from '../../lib/oneOf';
import { useCan, useTown } from '../../session/SessionContext';
import { DepartmentModal } from './DepartmentModal';

const FILTERS = ['q', 'kind', 'on'] as const;
type Filter = (typeof FILTERS)[number];

const KIND_COLORS: Record<string, string> = {
  town_office: 'blue',
  public_institution: 'cyan',
  district_line: 'purple',
  enterprise: 'gold',
  police: 'geekblue',
  traffic: 'orange',
};

export function DepartmentsPage() {
  const { t, lang } = useI18n();
  const town = useTown();
  const manage = useCan()('org.manage');
  const [target, setTarget] = useState<Department | 'new' | null>(null);

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) =>
      listDepartments(town.id, { ...r, kind: oneOf(DEPARTMENT_KINDS, r.kind) }, signal),
    [town.id],
  );
  const list = usePagedList(FILTERS, fetchPage);

  const columns: TableColumnsType<Department> = [
    { title: t('common.name'), dataIndex: 'name', ellipsis: true },
    { title: t('common.shortName'), dataIndex: 'shortName', width: 140 },
    {
      title: t('common.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, d) => <Tag color={KIND_COLORS[d.kind]}>{DEPARTMENT_KIND_LABELS[d.kind][lang]}</Tag>,
    },
    { title: t('common.validFrom'), dataIndex: 'validFrom', width: 120 },
    { title: t('common.validTo'), dataIndex: 'validTo', width: 150, render: (_, d) => <EndDate validTo={d.validTo} /> },
    { title: t('common.note'), dataIndex: 'note', ellipsis: true },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, d) => (
        <Button type="link" size="small" onClick={() => setTarget(d)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          <>
            <ExportButton onExport={() => exportList(town.id, 'departments', list.filters)} testId="departments-export" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')}>
                {t('departments.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter value={list.filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('departments.search')} />
          <SelectFilter
            value={list.filters.kind}
            onChange={(kind) => list.setFilters({ kind })}
            placeholder={t('common.kind')}
            options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k][lang] }))}
          />
          <OnDateFilter value={list.filters.on} onChange={(on) => list.setFilters({ on })} />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<Department>
          rowKey="id"
          size="middle"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 960 }}
          locale={{
            emptyText: (
              <Empty description={t(list.hasFilters ? 'departments.emptyFiltered' : manage ? 'departments.empty' : 'departments.emptyReadOnly')} />
            ),
          }}
          data-testid="departments-table"
        />
      </Card>
      {manage && <DepartmentModal target={target} onClose={() => setTarget(null)} onSaved={list.reload} />}
    </>
  );
}
