import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { EXPENSE_CLASS_LABELS } from '@gongyi/domain';
import { App, Button, Card, Empty, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { listEarmarks, removeEarmark, type Earmark, type Source } from '../../api/ledger';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { localPaging, sourceName, useSources } from '../../features/funds/display';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { EarmarkModal, SourceModal } from './EarmarkModals';

/** 经费管理 › 专款专用: the town's fund sources and the rules saying which source pays which team or spending (#8 part 3). */
export function EarmarksPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const manage = useCan()('ledger.earmark');
  const reportError = useReportError();
  const load = useCallback((signal: AbortSignal) => listEarmarks(town.id, signal), [town.id]);
  const earmarks = useApi(load);
  const sources = useSources();
  const [adding, setAdding] = useState<'earmark' | 'source'>();

  const remove = async (e: Earmark) => {
    await removeEarmark(town.id, e.id);
    void message.success(t('funds.earmark.removed'));
    earmarks.reload();
  };
  const columns: TableColumnsType<Earmark> = [
    { key: 'source', title: t('funds.col.source'), width: 200, render: (_v, e) => sourceName({ code: e.sourceCode, name: e.sourceName }, lang) },
    { key: 'team', title: t('funds.col.team'), width: 160, render: (_v, e) => e.teamName ?? t('funds.earmark.anyTeam') },
    { key: 'class', title: t('funds.earmark.class'), width: 260, render: (_v, e) => vocab(EXPENSE_CLASS_LABELS, e.expenseClass, lang) },
    { key: 'note', title: t('common.note'), dataIndex: 'note', ellipsis: true },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_v, e) => (
        <Popconfirm title={t('funds.earmark.removeConfirm')} onConfirm={() => remove(e).catch(reportError)}>
          <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="earmark-remove">
            {t('funds.earmark.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }
  const sourceColumns: TableColumnsType<Source> = [
    { key: 'name', title: t('funds.source.name'), render: (_v, s) => sourceName(s, lang) },
    { key: 'code', title: t('funds.source.code'), dataIndex: 'code', width: 260, render: (code: string) => <Tag>{code}</Tag> },
  ];
  const addButton = (what: 'earmark' | 'source') =>
    manage && (
      <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(what)} data-testid={`${what}-create`}>
        {t(`funds.${what}.create`)}
      </Button>
    );

  return (
    <>
      <PageHeader title={t('nav.fundsEarmarks')} subTitle={t('funds.earmark.subtitle')} />
      <Card size="small" title={t('funds.earmark.list')} extra={addButton('earmark')} style={{ marginBottom: 16 }}>
        <LoadError error={earmarks.error} onRetry={earmarks.reload} />
        <Table<Earmark>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={earmarks.data ?? []}
          loading={earmarks.loading}
          pagination={localPaging(t)}
          locale={{ emptyText: <Empty description={t('funds.earmark.empty')} /> }}
          data-testid="earmarks-table"
        />
      </Card>
      <Card size="small" title={t('funds.source.list')} extra={addButton('source')}>
        <LoadError error={sources.error} onRetry={sources.reload} />
        <Table<Source> rowKey="code" size="small" columns={sourceColumns} dataSource={sources.data ?? []} loading={sources.loading} pagination={localPaging(t)} />
      </Card>
      {adding === 'earmark' && <EarmarkModal onClose={() => setAdding(undefined)} onSaved={earmarks.reload} />}
      {adding === 'source' && <SourceModal onClose={() => setAdding(undefined)} onSaved={sources.reload} />}
    </>
  );
}
