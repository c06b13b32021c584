import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { decideApplication, listApplications, type Application } from '../../api/ledger';
import { LoadError } from '../../components/LoadError';
import { ReasonModal } from '../../components/ReasonModal';
import { useApi } from '../../hooks/useApi';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, type Translate } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { Yuan } from '../payroll/display';
import { ApplicationModal } from './ApplicationModal';
import { appKindText, localPaging } from './display';
import { SpecialExpenseModal } from './SpecialExpenseModal';

const STATE_COLORS: Record<Application['state'], string> = { submitted: 'orange', approved: 'green', rejected: 'red' };

function decisionOf(a: Application, t: Translate) {
  if (a.state === 'submitted') return <Typography.Text type="secondary">{t('funds.app.waiting')}</Typography.Text>;
  return (
    <>
      {a.decidedBy}
      {a.decisionReason && <Typography.Text type="secondary">{t('common.colon') + a.decisionReason}</Typography.Text>}
    </>
  );
}

/** 经费申请 (R18): uniform, training, health-check and insurance applications; the leadership group decides, finance pays. */
export function Applications({ year, onChanged }: { year: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const load = useCallback((signal: AbortSignal) => listApplications(town.id, year, signal), [town.id, year]);
  const { data, error, loading, reload } = useApi(load);
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState<Application>();
  const [paying, setPaying] = useState<Application>();
  const changed = () => {
    reload();
    onChanged();
  };
  const decide = async (a: Application, approve: boolean, reason = '') => {
    await decideApplication(town.id, a.id, { approve, reason });
    void message.success(t(approve ? 'funds.app.approved' : 'funds.app.rejected'));
    changed();
  };

  const columns: TableColumnsType<Application> = [
    { key: 'kind', title: t('funds.app.kind'), width: 90, render: (_v, a) => appKindText(a.kind, t) },
    { key: 'coop', title: t('funds.app.coop'), width: 170, ellipsis: true, render: (_v, a) => `${a.coopName}${a.teamName ? ` · ${a.teamName}` : ''}` },
    { key: 'description', title: t('funds.app.description'), dataIndex: 'description', width: 260, ellipsis: { showTitle: true } },
    { key: 'amount', title: t('funds.col.amount'), align: 'right', width: 130, render: (_v, a) => <Yuan fen={a.amountFen} /> },
    { key: 'state', title: t('funds.col.status'), width: 90, render: (_v, a) => <Tag color={STATE_COLORS[a.state]}>{t(`funds.appState.${a.state}`)}</Tag> },
    { key: 'decision', title: t('funds.app.decision'), width: 200, ellipsis: true, render: (_v, a) => decisionOf(a, t) },
    { key: 'spent', title: t('funds.app.spent'), align: 'right', width: 120, render: (_v, a) => <Yuan fen={a.spentFen} /> },
    { key: 'by', title: t('funds.app.by'), dataIndex: 'createdBy', width: 120, ellipsis: true },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      fixed: 'right',
      render: (_v, a) => (
        <Flex gap={4}>
          {a.state === 'submitted' && can('budget.approve') && (
            <>
              <Popconfirm title={t('funds.app.approveConfirm')} onConfirm={() => decide(a, true).catch(reportError)}>
                <Button size="small" type="link" data-testid="application-approve">
                  {t('funds.app.approve')}
                </Button>
              </Popconfirm>
              <Button size="small" type="link" danger onClick={() => setRejecting(a)} data-testid="application-reject">
                {t('funds.app.reject')}
              </Button>
            </>
          )}
          {a.state === 'approved' && a.spentFen === 0 && can('ledger.post') && (
            <Button size="small" type="link" onClick={() => setPaying(a)} data-testid="application-pay">
              {t('funds.pay')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('funds.app.title', { year })}
      extra={
        can('budget.apply') && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="application-create">
            {t('funds.app.create')}
          </Button>
        )
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<Application>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={localPaging(t)}
        scroll={{ x: 1400 }}
        locale={{ emptyText: <Empty description={t(can('budget.apply') ? 'funds.app.empty' : 'funds.app.emptyReadOnly')} /> }}
        data-testid="applications-table"
      />
      {creating && <ApplicationModal year={year} onClose={() => setCreating(false)} onCreated={changed} />}
      {paying && <SpecialExpenseModal application={paying} onClose={() => setPaying(undefined)} onPaid={changed} />}
      {rejecting && (
        <ReasonModal
          open
          title={t('funds.app.rejectTitle')}
          okText={t('funds.app.reject')}
          label={t('funds.app.reason')}
          help={t('funds.app.reasonHelp')}
          onCancel={() => setRejecting(undefined)}
          onSubmit={async (reason) => {
            await decide(rejecting, false, reason);
            setRejecting(undefined);
          }}
          testId="reject-form"
        />
      )}
    </Card>
  );
}
