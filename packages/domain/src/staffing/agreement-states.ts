import type { IsoDate } from '../dates.js';
import type { Labels } from './vocabulary.js';

// The work agreement (上岗协议, R6, R8): the coop draws it up and the worker signs, the supervising
// department witnesses (鉴证), the coop files it (用工备案). From its first day a filed agreement is
// in force; after its last day it has expired. Renewal (only after a passed annual assessment, R8)
// or termination (the worker's exit) closes it.

export const AGREEMENT_STATES = ['draft', 'signed', 'witnessed', 'filed', 'in_force', 'expired', 'renewed', 'terminated'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];
/** What the database stores; in_force and expired follow from `filed` and the date. */
export type StoredAgreementState = Exclude<AgreementState, 'in_force' | 'expired'>;

export const AGREEMENT_STATE_LABELS: Labels<AgreementState> = {
  draft: { zh: '拟订', en: 'Draft' },
  signed: { zh: '已签订', en: 'Signed' },
  witnessed: { zh: '已鉴证', en: 'Witnessed' },
  filed: { zh: '已备案', en: 'Filed' },
  in_force: { zh: '履行中', en: 'In force' },
  expired: { zh: '已到期', en: 'Expired' },
  renewed: { zh: '已续签', en: 'Renewed' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

export const AGREEMENT_EVENTS = ['sign', 'witness', 'file', 'renew', 'terminate'] as const;
export type AgreementEvent = (typeof AGREEMENT_EVENTS)[number];
export const AGREEMENT_EVENT_LABELS: Labels<AgreementEvent> = {
  sign: { zh: '签订', en: 'Sign' },
  witness: { zh: '鉴证', en: 'Witness' },
  file: { zh: '备案', en: 'File' },
  renew: { zh: '续签', en: 'Renew' },
  terminate: { zh: '终止', en: 'Terminate' },
};

/** The one table of legal moves. Anything not listed is refused. */
const TRANSITIONS: Partial<Record<AgreementState, Partial<Record<AgreementEvent, StoredAgreementState>>>> = {
  draft: { sign: 'signed', terminate: 'terminated' },
  signed: { witness: 'witnessed', terminate: 'terminated' },
  witnessed: { file: 'filed', terminate: 'terminated' },
  filed: { renew: 'renewed', terminate: 'terminated' },
  in_force: { renew: 'renewed', terminate: 'terminated' },
  expired: { renew: 'renewed', terminate: 'terminated' },
};

/** The state after `event`, or null when the move is illegal. */
export function nextAgreementState(from: AgreementState, event: AgreementEvent): StoredAgreementState | null {
  return TRANSITIONS[from]?.[event] ?? null;
}

/** The events allowed from a state (for the buttons a page offers). */
export function allowedAgreementEvents(from: AgreementState): AgreementEvent[] {
  return AGREEMENT_EVENTS.filter((e) => nextAgreementState(from, e) !== null);
}

/** The state a reader sees on `today`: a filed agreement is in force during its term and expired after it. */
export function effectiveAgreementState(stored: StoredAgreementState, term: { start: IsoDate; end: IsoDate }, today: IsoDate): AgreementState {
  if (stored !== 'filed') return stored;
  if (today > term.end) return 'expired';
  return today >= term.start ? 'in_force' : 'filed';
}

/** R8: the annual assessment that decides renewal is the one for the year the term began. */
export function assessmentYearFor(term: { start: IsoDate }): number {
  return Number(term.start.slice(0, 4));
}
