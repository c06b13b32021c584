import { FilePdfOutlined } from '@ant-design/icons';
import { AGREEMENT_EVENT_LABELS, ANNUAL_OUTCOME_LABELS, PAY_SCHEME_LABELS, type Agreement, type AgreementEvent } from '@gongyi/domain';
import { Alert, Button, Card, Descriptions, Drawer, Flex, Skeleton, Steps, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { agreementPdfUrl, getAgreement } from '../../api/staffing';
import { LoadError } from '../../components/LoadError';
import { AgreementStateTag } from '../../features/staffing/display';
import { useApi } from '../../hooks/useApi';
import { useI18n, vocab, type Translate } from '../../i18n';
import { useCan, useTown } from '../../session/SessionContext';
import { AgreementStepModal, type StepEvent } from './AgreementStepModal';
import { AnnualResultModal } from './AnnualResultModal';
import { RenewalModal } from './RenewalModal';

/** Who may take each step (R6): the coop draws up, signs, files, renews and ends; the supervising department witnesses. */
export const EVENT_ACTION = {
  sign: 'agreement.manage',
  witness: 'agreement.witness',
  file: 'agreement.manage',
  renew: 'agreement.manage',
  terminate: 'agreement.manage',
} as const;

/** The agreement's way so far: 拟订 → 签订 → 鉴证 → 备案 → 履行, then 续签 or 终止. */
function timeline(a: Agreement, t: Translate) {
  const steps = [
    { key: 'draft', title: t('agreements.step.draft'), content: t('agreements.step.draftHint'), done: true },
    { key: 'signed', title: t('agreements.step.signed'), content: a.signedOn ?? '', done: a.signedOn !== null },
    {
      key: 'witnessed',
      title: t('agreements.step.witnessed'),
      content: a.witnessedOn ? `${a.witnessedOn} ${a.witnessDepartmentName ?? ''}` : '',
      done: a.witnessedOn !== null,
    },
    { key: 'filed', title: t('agreements.step.filed'), content: a.filedOn ? `${a.filedOn} ${a.filingNumber ?? ''}` : '', done: a.filedOn !== null },
    {
      key: 'in_force',
      title: t(a.state === 'expired' ? 'agreements.step.expired' : 'agreements.step.inForce'),
      // The whole term is in the drawer's header; the step says when it began or ended.
      content: t(a.state === 'expired' ? 'agreements.step.until' : 'agreements.step.from', { date: a.state === 'expired' ? a.termEnd : a.termStart }),
      done: ['in_force', 'expired', 'renewed'].includes(a.state),
    },
  ];
  if (a.state === 'renewed') steps.push({ key: 'renewed', title: t('agreements.step.renewed'), content: '', done: true });
  if (a.state === 'terminated') {
    steps.push({ key: 'terminated', title: t('agreements.step.terminated'), content: `${a.terminatedOn ?? ''} ${a.terminationReason}`, done: true });
  }
  const current = steps.filter((s) => s.done).length - 1;
  const status = a.state === 'terminated' ? ('error' as const) : a.state === 'expired' ? ('wait' as const) : ('finish' as const);
  return { items: steps.map(({ key, title, content }) => ({ key, title, content })), current, status };
}

/** R8: the annual assessment that decides renewal, in words. */
function RenewalGate({ agreement: a, onEnter }: { agreement: Agreement; onEnter?: () => void }) {
  const { t, lang } = useI18n();
  const outcome = a.renewal.outcome ? vocab(ANNUAL_OUTCOME_LABELS, a.renewal.outcome, lang) : t('agreements.gate.notAssessed');
  return (
    <Alert
      type={a.renewal.eligible ? 'success' : 'warning'}
      showIcon
      title={t(a.renewal.eligible ? 'agreements.gate.eligible' : 'agreements.gate.blocked', { year: a.renewal.year, outcome })}
      description={a.renewal.reason || undefined}
      action={
        onEnter && (
          <Button size="small" onClick={onEnter} data-testid="annual-result-enter">
            {t('agreements.annual.enter')}
          </Button>
        )
      }
      data-testid="renewal-gate"
    />
  );
}

interface Props {
  agreementId: string | undefined;
  onClose: () => void;
  /** After a step: the list behind reloads. */
  onChanged: () => void;
}

/** An agreement: the parties and the term, its way so far, the renewal gate, the steps allowed, and the PDF. */
export function AgreementDrawer({ agreementId, onClose, onChanged }: Props) {
  const { t, lang } = useI18n();
  const town = useTown();
  const can = useCan();
  const load = useCallback(
    (signal: AbortSignal) => (agreementId ? getAgreement(town.id, agreementId, signal) : Promise.resolve(undefined)),
    [town.id, agreementId],
  );
  const { data, error, loading, reload } = useApi(load);
  const [dialog, setDialog] = useState<AgreementEvent | 'annual'>();
  const a = data && data.id === agreementId ? data : undefined;
  const steps = a ? a.allowedEvents.filter((e) => can(EVENT_ACTION[e])) : [];
  const changed = () => {
    reload();
    onChanged();
  };
  const pdf = a ? agreementPdfUrl(town.id, a.id) : '';
  const flow = a ? timeline(a, t) : undefined;

  return (
    <Drawer
      open={agreementId !== undefined}
      onClose={onClose}
      size={820}
      title={a ? t('agreements.drawerTitle', { name: a.name }) : t('agreements.detail')}
      data-testid="agreement-drawer"
      extra={
        a && (
          <Flex gap={8}>
            {steps.map((e) => {
              // R8: the state allows renewal, the annual assessment may not yet.
              const blocked = e === 'renew' && !a.renewal.eligible;
              return (
                <Tooltip key={e} title={blocked ? a.renewal.reason : undefined}>
                  <Button
                    type={e === 'terminate' ? 'default' : 'primary'}
                    danger={e === 'terminate'}
                    disabled={blocked}
                    onClick={() => setDialog(e)}
                    data-testid={`agreement-${e}`}
                  >
                    {vocab(AGREEMENT_EVENT_LABELS, e, lang)}
                  </Button>
                </Tooltip>
              );
            })}
            <Button icon={<FilePdfOutlined />} href={pdf} target="_blank" rel="noopener" data-testid="agreement-pdf-open">
              {t('agreements.print')}
            </Button>
          </Flex>
        )
      }
    >
      <LoadError error={error} onRetry={reload} />
      {!a && loading && <Skeleton active />}
      {a && flow && (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center">
            <AgreementStateTag state={a.state} />
            <Typography.Text type="secondary">{t('common.dateRange', { from: a.termStart, to: a.termEnd })}</Typography.Text>
          </Flex>
          <Steps size="small" titlePlacement="vertical" current={flow.current} status={flow.status} items={flow.items} data-testid="agreement-timeline" />
          <RenewalGate agreement={a} onEnter={can('annual_result.manage') ? () => setDialog('annual') : undefined} />
          <Descriptions
            size="small"
            bordered
            column={2}
            styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'coop', label: t('agreements.party.coop'), span: 2, children: a.coopName },
              {
                key: 'worker',
                label: t('agreements.party.worker'),
                span: 2,
                children: (
                  <span>
                    <Link to={`/workers/${encodeURIComponent(a.personId)}`}>{a.name}</Link>{' '}
                    <Typography.Text type="secondary">{a.idNumberMasked}</Typography.Text>
                  </span>
                ),
              },
              { key: 'witness', label: t('agreements.party.witness'), span: 2, children: a.witnessDepartmentName ?? a.supervisingDepartmentName },
              { key: 'team', label: t('hiring.col.team'), children: a.teamName },
              { key: 'unit', label: t('workers.field.unit'), children: a.managingDepartmentName },
              { key: 'duty', label: t('workers.field.duty'), children: a.duty || '—' },
              { key: 'pay', label: t('workers.field.payScheme'), children: vocab(PAY_SCHEME_LABELS, a.payScheme, lang) },
              { key: 'filing', label: t('agreements.field.filingNumber'), children: a.filingNumber ?? '—' },
              { key: 'filed', label: t('agreements.step.filed'), children: a.filedOn ?? '—' },
            ]}
          />
          <Card size="small" title={t('agreements.pdfPreview')} styles={{ body: { padding: 0 } }}>
            <iframe title={t('agreements.pdfPreview')} src={pdf} style={{ width: '100%', height: 560, border: 0, display: 'block' }} data-testid="agreement-pdf" />
          </Card>
        </Flex>
      )}
      {a && dialog === 'annual' && <AnnualResultModal agreement={a} onClose={() => setDialog(undefined)} onSaved={changed} />}
      {a && dialog && dialog !== 'renew' && dialog !== 'annual' && (
        <AgreementStepModal event={dialog as StepEvent} agreements={[a]} onClose={() => setDialog(undefined)} onDone={changed} />
      )}
      {a && dialog === 'renew' && <RenewalModal agreementIds={[a.id]} onClose={() => setDialog(undefined)} onDone={changed} />}
    </Drawer>
  );
}
