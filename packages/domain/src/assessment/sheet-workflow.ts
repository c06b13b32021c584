import type { SheetEvent, SheetState } from './vocabulary.js';

// #6 part 4: the monthly sheet's workflow. Where the team's communities hold a score share the
// community part must be entered before the unit submits; a locked sheet changes only by a
// recorded correction, never by an edit.

const TRANSITIONS: Partial<Record<SheetState, Partial<Record<SheetEvent, SheetState>>>> = {
  draft: { enter_community: 'community_entered', submit: 'submitted' },
  community_entered: { submit: 'submitted', return: 'draft' },
  submitted: { review: 'reviewed', return: 'draft' },
  reviewed: { lock: 'locked', return: 'draft' },
};

/** The next state, or null when the step is out of order. `communityShare` says whether the community part applies. */
export function nextSheetState(from: SheetState, event: SheetEvent, communityShare: boolean): SheetState | null {
  if (event === 'enter_community' && !communityShare) return null;
  if (event === 'submit' && from === 'draft' && communityShare) return null;
  return TRANSITIONS[from]?.[event] ?? null;
}

/** Scores and attendance may be typed only before submission (the community part only before it is marked entered). */
export function sheetEditable(state: SheetState, scorer: 'unit' | 'community'): boolean {
  return scorer === 'unit' ? state === 'draft' || state === 'community_entered' : state === 'draft';
}

/** The steps the sheet's state allows (before asking who may take them). */
export function allowedSheetEvents(state: SheetState, communityShare: boolean): SheetEvent[] {
  return (['enter_community', 'submit', 'review', 'return', 'lock'] as const).filter((e) => nextSheetState(state, e, communityShare) !== null);
}
