import { PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { AGREEMENT_EVENT_LABELS, AGREEMENT_STATES, AGREEMENT_STATE_LABELS, ruleValue, type Agreement, type AgreementEvent } from '@gongyi/domain';
import { Alert, Button, Card, Empty, Flex, Segmented, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { agreementsPdfUrl, exportAgreements, listAgreements, type AgreementFilters } from '../../api/staffing';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filters';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { coopOptions } from '../../features/org/useOrgLookups';
import { AgreementStateTag } from '../../features/staffing/display';
import { commonEvents, daysUntil } from '../../features/staffing/staffingLogic';
import { useWorkerLookups } from '../../features/workers/useWorkerLookups';
import { usePagedList, type PageRequest } from '../../hooks/usePagedList';
import { useI18n, vocab } from '../../i18n';
import { todayIso } from '../../lib/dates';
import { useCan, useTown } from '../../session/SessionContext';
import { AgreementDrawer, EVENT_ACTION } from './AgreementDrawer';
import { AgreementStepModal, type StepEvent } from './AgreementStepModal';
import { RenewalModal } from './RenewalModal';

const FILTERS = ['q', 'state', 'teamId', 'coopId', 'personId', 'expiringWithin'] as const;
type Filter = (typeof FILTERS)[number];

type Dialog = { kind: 'step'; event: StepEvent } | { kind: 'renew'; ids?: string[] } | undefined;

/** The batch steps offered on a selection, in the order of the agreement's way. */
const BATCH_EVENTS: AgreementEvent[] = ['sign', 'witness', 'file', 'renew'];

/**
 * 上岗协议 › 协议列表 and 到期提醒 (R6, R8): filters, a selection with batch steps (签订, 鉴证, 备案,
 * 续签 with a dry run, 打印), and the agreement in a drawer. `expiring` opens on the 30-day window.
 */
export function AgreementsPage({ expiring = false }: { expiring?: boolean }) {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const lookups = useWorkerLookups();
  const today = todayIso();
  const windows = ruleValue('agreement.expiryWindows', today);
  const defaultWindow = expiring ? String(windows[0] ?? 30) : undefined;

  const fetchPage = useCallback(
    (r: PageRequest<Filter>, signal: AbortSignal) => listAgreements(town.id, { ...r, expiringWithin: r.expiringWithin ?? defaultWindow }, signal),
    [town.id, defaultWindow],
  );
  const list = usePagedList(FILTERS, fetchPage);
  const { filters } = list;
  const within = filters.expiringWithin ?? defaultWindow;
  const shownFilters: AgreementFilters = { ...filters, expiringWithin: within };

  const [params, setParams] = useSearchParams();
  const openId = params.get('open') ?? undefined;
  const setOpen = (id: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('open', id);
        else next.delete('open');
        return next;
      },
      { replace: true },
    );

  // Ids only: the rows shown are the selection's current state (after a step the list reloads).
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const rows = list.tableProps.dataSource as Agreement[];
  const selected = useMemo(() => rows.filter((a) => selectedIds.includes(a.id)), [rows, selectedIds]);
  const [dialog, setDialog] = useState<Dialog>();
  const allowed = useMemo(() => commonEvents(selected), [selected]);

  const columns: TableColumnsType<Agreement> = [
    {
      key: 'name',
      title: t('workers.field.name'),
      width: 150,
      fixed: 'left',
      render: (_v, a) => (
        <span>
          <Typography.Link onClick={() => setOpen(a.id)}>{a.name}</Typography.Link>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.idNumberMasked}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'team', title: t('hiring.col.team'), dataIndex: 'teamName', width: 120 },
    { key: 'coop', title: t('quota.col.coop'), dataIndex: 'coopName', width: 170, ellipsis: true },
    {
      key: 'term',
      title: t('agreements.col.term'),
      width: 200,
      render: (_v, a) => {
        const left = daysUntil(a.termEnd, today);
        const live = ['filed', 'in_force', 'witnessed', 'signed', 'draft'].includes(a.state);
        return (
          <span>
            {t('common.dateRange', { from: a.termStart, to: a.termEnd })}
            {live && left >= 0 && left <= (windows[windows.length - 1] ?? 90) && (
              <>
                <br />
                <Tag color={left <= (windows[0] ?? 30) ? 'red' : 'orange'} style={{ marginTop: 2 }}>
                  {t('agreements.expiresIn', { days: left })}
                </Tag>
              </>
            )}
          </span>
        );
      },
    },
    { key: 'state', title: t('agreements.col.state'), dataIndex: 'state', width: 90, render: (_v, a) => <AgreementStateTag state={a.state} /> },
    {
      key: 'steps',
      title: t('agreements.col.steps'),
      width: 190,
      render: (_v, a) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {a.witnessedOn ? t('agreements.witnessedBy', { date: a.witnessedOn, department: a.witnessDepartmentName ?? '' }) : t('agreements.notWitnessed')}
          <br />
          {a.filedOn ? t('agreements.filedAs', { date: a.filedOn, number: a.filingNumber ?? '' }) : t('agreements.notFiled')}
        </Typography.Text>
      ),
    },
    {
      key: 'renewal',
      title: t('agreements.col.renewal'),
      width: 120,
      render: (_v, a) => (
        <Tooltip title={a.renewal.reason}>
          <Tag color={a.renewal.eligible ? 'green' : 'default'}>{t(a.renewal.eligible ? 'agreements.gate.short.eligible' : 'agreements.gate.short.blocked', { year: a.renewal.year })}</Tag>
        </Tooltip>
      ),
    },
  ];

  const manage = can('agreement.manage');
  const batchButtons = BATCH_EVENTS.filter((e) => can(EVENT_ACTION[e]));
  const emptyText = list.hasFilters || expiring ? 'agreements.emptyFiltered' : manage ? 'agreements.empty' : 'agreements.emptyReadOnly';
  const afterStep = () => {
    setSelectedIds([]);
    list.reload();
  };

  return (
    <>
      <PageHeader
        title={t(expiring ? 'agreements.expiringTitle' : 'agreements.title')}
        subTitle={t('agreements.subtitle')}
        extra={
          <>
            <ExportButton onExport={() => exportAgreements(town.id, shownFilters)} testId="agreements-export" />
            {manage && (
              <Button type="primary" icon={<SyncOutlined />} onClick={() => setDialog({ kind: 'renew' })} data-testid="agreements-renew-scope">
                {t('agreements.renewal.title')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        {expiring && (
          <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
            <Typography.Text>{t('agreements.expiring.label')}</Typography.Text>
            <Segmented
              value={within}
              onChange={(v) => list.setFilters({ expiringWithin: String(v) })}
              options={windows.map((d) => ({ value: String(d), label: t('agreements.expiring.days', { days: d }) }))}
              data-testid="expiring-window"
            />
          </Flex>
        )}
        <FilterBar onReset={list.resetFilters} canReset={list.hasFilters}>
          <SearchFilter value={filters.q} onChange={(q) => list.setFilters({ q })} placeholder={t('workers.searchName')} width={160} />
          <SelectFilter
            value={filters.state}
            onChange={(state) => list.setFilters({ state })}
            placeholder={t('agreements.col.state')}
            options={AGREEMENT_STATES.map((s) => ({ value: s, label: vocab(AGREEMENT_STATE_LABELS, s, lang) }))}
            width={120}
          />
          <SelectFilter
            value={filters.teamId}
            onChange={(teamId) => list.setFilters({ teamId })}
            placeholder={t('hiring.col.team')}
            options={(lookups.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name }))}
            loading={lookups.loading}
            width={150}
          />
          <SelectFilter
            value={filters.coopId}
            onChange={(coopId) => list.setFilters({ coopId })}
            placeholder={t('quota.col.coop')}
            options={coopOptions(lookups.data?.coops)}
            loading={lookups.loading}
            width={150}
          />
          {!expiring && (
            <SelectFilter
              value={filters.expiringWithin}
              onChange={(expiringWithin) => list.setFilters({ expiringWithin })}
              placeholder={t('agreements.expiring.label')}
              options={windows.map((d) => ({ value: String(d), label: t('agreements.expiring.days', { days: d }) }))}
              width={140}
            />
          )}
        </FilterBar>
        {filters.personId && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('agreements.onePerson')}
            action={
              <Button size="small" onClick={() => list.setFilters({ personId: undefined })}>
                {t('agreements.allPeople')}
              </Button>
            }
          />
        )}
        <Flex align="center" gap={8} wrap style={{ marginBottom: 12, minHeight: 32 }} data-testid="agreements-batch">
          <Typography.Text type="secondary">
            {selected.length ? t('agreements.selected', { count: selected.length }) : t('agreements.selectHint')}
          </Typography.Text>
          {batchButtons.map((e) => (
            <Button
              key={e}
              size="small"
              disabled={!allowed.includes(e)}
              onClick={() => setDialog(e === 'renew' ? { kind: 'renew', ids: selected.map((a) => a.id) } : { kind: 'step', event: e as StepEvent })}
              data-testid={`batch-${e}`}
            >
              {vocab(AGREEMENT_EVENT_LABELS, e, lang)}
            </Button>
          ))}
          <Button
            size="small"
            icon={<PrinterOutlined />}
            disabled={selected.length === 0}
            href={selected.length ? agreementsPdfUrl(town.id, selected.map((a) => a.id)) : undefined}
            target="_blank"
            rel="noopener"
            data-testid="batch-print"
          >
            {t('agreements.print')}
          </Button>
        </Flex>
        <LoadError error={list.error ?? lookups.error} onRetry={list.error ? list.reload : lookups.reload} />
        <Table<Agreement>
          rowKey="id"
          size="small"
          columns={columns}
          {...list.tableProps}
          rowSelection={{ selectedRowKeys: selected.map((a) => a.id), onChange: (keys) => setSelectedIds(keys.map(String)), columnWidth: 40, fixed: true }}
          scroll={{ x: 1060 }}
          onRow={(a) => ({ onDoubleClick: () => setOpen(a.id) })}
          locale={{ emptyText: <Empty description={t(emptyText)} /> }}
          data-testid="agreements-table"
        />
      </Card>
      <AgreementDrawer agreementId={openId} onClose={() => setOpen(undefined)} onChanged={list.reload} />
      {dialog?.kind === 'step' && <AgreementStepModal event={dialog.event} agreements={selected} onClose={() => setDialog(undefined)} onDone={afterStep} />}
      {dialog?.kind === 'renew' && <RenewalModal agreementIds={dialog.ids} onClose={() => setDialog(undefined)} onDone={afterStep} />}
    </>
  );
}
