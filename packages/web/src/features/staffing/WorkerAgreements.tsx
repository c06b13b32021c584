import type { Agreement } from '@gongyi/domain';
import { Empty, Table } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { listAgreements } from '../../api/staffing';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../hooks/useApi';
import { useI18n } from '../../i18n';
import { useTown } from '../../session/SessionContext';
import { AgreementStateTag } from './display';

/** 人员详情 › 上岗协议: the worker's agreements, newest first; a row opens it in 协议列表. */
export function WorkerAgreements({ personId }: { personId: string }) {
  const { t } = useI18n();
  const town = useTown();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => listAgreements(town.id, { personId, page: 1, pageSize: 50 }, signal), [town.id, personId]);
  const { data, error, loading, reload } = useApi(load);
  const open = (a: Agreement) => void navigate(`/agreements?personId=${encodeURIComponent(personId)}&open=${encodeURIComponent(a.id)}`);
  return (
    <>
      <LoadError error={error} onRetry={reload} />
      <Table<Agreement>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={data?.items ?? []}
        onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agreements.noneForWorker')} /> }}
        columns={[
          { key: 'term', title: t('agreements.col.term'), render: (_v, a) => t('common.dateRange', { from: a.termStart, to: a.termEnd }) },
          { key: 'state', title: t('agreements.col.state'), width: 90, render: (_v, a) => <AgreementStateTag state={a.state} /> },
          { key: 'filing', title: t('agreements.field.filingNumber'), dataIndex: 'filingNumber', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
        data-testid="worker-agreements"
      />
    </>
  );
}
