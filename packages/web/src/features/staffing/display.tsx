import {
  AGREEMENT_STATE_LABELS,
  HIRING_KIND_LABELS,
  HIRING_STATE_LABELS,
  PROPOSAL_STATE_LABELS,
  type AgreementState,
  type HiringKind,
  type HiringState,
  type ProposalState,
} from '@gongyi/domain';
import { Tag, Typography } from 'antd';
import { useI18n, vocab } from '../../i18n';

// Small pieces of #5 shown in lists, drawers, the worker page and the home page.

const AGREEMENT_COLORS: Record<AgreementState, string> = {
  draft: 'default',
  signed: 'blue',
  witnessed: 'cyan',
  filed: 'geekblue',
  in_force: 'green',
  expired: 'orange',
  renewed: 'purple',
  terminated: 'red',
};

export function AgreementStateTag({ state }: { state: AgreementState }) {
  const { lang } = useI18n();
  return (
    <Tag color={AGREEMENT_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid={`agreement-state-${state}`}>
      {vocab(AGREEMENT_STATE_LABELS, state, lang)}
    </Tag>
  );
}

const HIRING_COLORS: Record<HiringState, string> = {
  requested: 'gold',
  approved: 'blue',
  rejected: 'red',
  completed: 'green',
  cancelled: 'default',
};

export function HiringStateTag({ state }: { state: HiringState }) {
  const { lang } = useI18n();
  return (
    <Tag color={HIRING_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {vocab(HIRING_STATE_LABELS, state, lang)}
    </Tag>
  );
}

export function HiringKindTag({ kind }: { kind: HiringKind }) {
  const { lang } = useI18n();
  return (
    <Tag color={kind === 'transfer' ? 'purple' : undefined} style={{ marginInlineEnd: 0 }}>
      {vocab(HIRING_KIND_LABELS, kind, lang)}
    </Tag>
  );
}

const PROPOSAL_COLORS: Record<ProposalState, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function ProposalStateTag({ state }: { state: ProposalState }) {
  const { lang } = useI18n();
  return (
    <Tag color={PROPOSAL_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {vocab(PROPOSAL_STATE_LABELS, state, lang)}
    </Tag>
  );
}

/** A quota figure: a dash where no quota is set, red where the line is over quota (R10). */
export function QuotaFigure({ value, over = false, testId }: { value: number | null; over?: boolean; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text type={over ? 'danger' : undefined} strong={over} data-testid={testId}>
      {value}
    </Typography.Text>
  );
}
