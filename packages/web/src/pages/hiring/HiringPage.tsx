import { FileAddOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { HIRING_STATES, HIRING_STATE_LABELS, type HiringRequest } from '@gongyi/domain';
import { App, Button, Card, Empty, Flex, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { cancelHiring, decideHiring, draftAgreement, listHiring } from '../../api/staffing';
import { FilterBar, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { AgreementStateTag, HiringKindTag, HiringStateTag } from '../../features/staffing/display';
import { TransferModal } from '../../features/staffing/TransferModal';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useReportError } from '../../hooks/useReportError';
import { useI18n, vocab } from '../../i18n';
import { timestampText } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';

const FILTERS = ['state', 'teamId'] as const;
type Filter = (typeof FILTERS)[number];

type Dialog = { kind: 'transfer' } | { kind: 'reject' | 'cancel'; request: HiringRequest } | undefined;

/** 职数与招录 › 招录申请: requests → town HR's decision against a vacancy → the coop's agreement (R10, #5 part 3). */
export function HiringPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const town = useTown();
  const can = useCan();
  const reportError = useReportError();
  const lookups = useWorkerLookups();
  const fetchPage = useCallback((r: PageRequest<Filter>, signal: AbortSignal) => listHiring(town.id, r, signal), [town.id]);
  const list = usePagedList(FILTERS, fetchPage);
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState<string>();
  const request = can('hiring.request');
  const approve = can('hiring.approve');
  const draft = can('agreement.manage');

  const run = async (id: string, action: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await action();
      void message.success(done);
      list.reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(undefined);
    }
  };

  const drawUp = async (r: HiringRequest) => {
    setBusy(r.id);
    try {
      const agreement = await draftAgreement(town.id, { hiringRequestId: r.id });
      void message.success(t('hiring.drafted', { name: r.name }));
      void navigate(`/agreements?open=${encodeURIComponent(agreement.id)}`);
    } catch (error) {
      reportError(error);
      setBusy(undefined);
    }
  };

  const actions = (r: HiringRequest) => (
    <Flex gap={4} wrap>
      {approve && r.state === 'requested' && (
        <>
          <Popconfirm
            title={t('hiring.approveConfirm', { name: r.name, team: r.teamName })}
            description={t('hiring.approveHint')}
            okText={t('hiring.approve')}
            cancelText={t('common.cancel')}
            onConfirm={() => run(r.id, () => decideHiring(town.id, r.id, { decision: 'approve', reason: '' }), t('hiring.approved', { name: r.name }))}
          >
            <Button size="small" type="primary" loading={busy === r.id} data-testid={`hiring-approve-${r.id}`}>
              {t('hiring.approve')}
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setDialog({ kind: 'reject', request: r })}>
            {t('hiring.reject')}
          </Button>
        </>
      )}
      {draft && r.state === 'approved' && !r.agreementId && (
        <Button size="small" type="primary" icon={<FileAddOutlined />} loading={busy === r.id} onClick={() => void drawUp(r)} data-testid={`hiring-draft-${r.id}`}>
          {t('hiring.draft')}
        </Button>
      )}
      {r.agreementId && (
        <Link to={`/agreements?open=${encodeURIComponent(r.agreementId)}`}>
          <Button size="small" type="link">
            {t('hiring.viewAgreement')}
          </Button>
        </Link>
      )}
      {request && (r.state === 'requested' || (r.state === 'approved' && !r.agreementId)) && (
        <Button size="small" type="link" onClick={() => setDialog({ kind: 'cancel', request: r })}>
          {t('hiring.cancel')}
        </Button>
      )}
    </Flex>
  );

  const columns: TableColumnsType<HiringRequest> = [
    {
      key: 'name',
      title: t('hiring.col.candidate'),
      width: 150,
      fixed: 'left',
      render: (_v, r) => (
        <span>
          {r.kind === 'transfer' || r.state === 'completed' ? <Link to={`/workers/${encodeURIComponent(r.personId)}`}>{r.name}</Link> : r.name}{' '}
          <HiringKindTag kind={r.kind} />
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.idNumberMasked}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'team',
      title: t('hiring.col.team'),
      width: 170,
      render: (_v, r) => (
        <span>
          {r.teamName}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.managingDepartmentName}
            {r.duty && ` · ${r.duty}`}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'start', title: t('hiring.col.startDate'), dataIndex: 'startDate', width: 104 },
    {
      key: 'state',
      title: t('hiring.col.state'),
      width: 180,
      render: (_v, r) => (
        <Flex vertical gap={4} align="start">
          <Flex gap={4} wrap>
            <HiringStateTag state={r.state} />
            {r.agreementState && <AgreementStateTag state={r.agreementState} />}
          </Flex>
          {r.decisionReason && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, tooltip: r.decisionReason }}>
              {r.decisionReason}
            </Typography.Paragraph>
          )}
        </Flex>
      ),
    },
    { key: 'reason', title: t('hiring.field.reason'), dataIndex: 'reason', ellipsis: true },
    {
      key: 'requested',
      title: t('hiring.col.requested'),
      width: 140,
      render: (_v, r) => (
        <span>
          {r.requestedBy}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timestampText(r.requestedAt)}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'actions', title: t('common.actions'), width: 150, fixed: 'right', render: (_v, r) => actions(r) },
  ];

  const emptyText = list.hasFilters ? 'hiring.emptyFiltered' : request ? 'hiring.empty' : 'hiring.emptyReadOnly';
  const open = dialog && dialog.kind !== 'transfer' ? dialog.request : undefined;

  return (
    <>
      <PageHeader
        title={t('hiring.title')}
        subTitle={t('hiring.subtitle')}
        extra={
          request && (
            <>
              <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'transfer' })} data-testid="hiring-transfer">
                {t('hiring.transfer')}
              </Button>
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => void navigate('/hiring/new')} data-testid="hiring-create">
                {t('hiring.create')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SelectFilter
            value={list.filters.state}
            onChange={(state) => list.setFilters({ state })}
            placeholder={t('hiring.col.state')}
            options={HIRING_STATES.map((s) => ({ value: s, label: vocab(HIRING_STATE_LABELS, s, lang) }))}
            width={190}
          />
          <SelectFilter
            value={list.filters.teamId}
            onChange={(teamId) => list.setFilters({ teamId })}
            placeholder={t('hiring.col.team')}
            options={(lookups.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
            loading={lookups.loading}
            width={170}
          />
        </FilterBar>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<HiringRequest>
          rowKey="id"
          size="small"
          columns={columns}
          {...list.tableProps}
          scroll={{ x: 1040 }}
          locale={{ emptyText: <Empty description={t(emptyText)} /> }}
          data-testid="hiring-table"
        />
      </Card>
      {request && <TransferModal open={dialog?.kind === 'transfer'} onClose={() => setDialog(undefined)} onSaved={list.reload} />}
      {open && (
        <ReasonModal
          open
          title={t(dialog?.kind === 'reject' ? 'hiring.rejectTitle' : 'hiring.cancelTitle', { name: open.name })}
          okText={t(dialog?.kind === 'reject' ? 'hiring.reject' : 'hiring.cancel')}
          label={t(dialog?.kind === 'reject' ? 'hiring.rejectReason' : 'hiring.cancelReason')}
          help={t(dialog?.kind === 'reject' ? 'hiring.rejectHelp' : 'hiring.cancelHelp')}
          testId="hiring-reason-form"
          onCancel={() => setDialog(undefined)}
          onSubmit={async (reason) => {
            if (dialog?.kind === 'reject') await decideHiring(town.id, open.id, { decision: 'reject', reason });
            else await cancelHiring(town.id, open.id, reason);
            void message.success(t(dialog?.kind === 'reject' ? 'hiring.rejected' : 'hiring.cancelled', { name: open.name }));
            setDialog(undefined);
            list.reload();
          }}
        />
      )}
    </>
  );
}
