import type { Labels } from '../staffing/vocabulary.js';

// Words of #6 (attendance and assessment) with Chinese and English labels. Grades are the annual
// outcomes of staffing/vocabulary.ts (优秀, 合格, 基本合格, 不合格), used for months and years alike.

export const INDICATOR_PARTS = ['business', 'conduct'] as const;
export type IndicatorPart = (typeof INDICATOR_PARTS)[number];
export const INDICATOR_PART_LABELS: Labels<IndicatorPart> = {
  business: { zh: '业务考核', en: 'Business' },
  conduct: { zh: '工作表现', en: 'Conduct' },
};

/** R25: who scores an indicator. A community-scored indicator is scored by the unit when the team holds no community share. */
export const SCORERS = ['unit', 'community'] as const;
export type Scorer = (typeof SCORERS)[number];
export const SCORER_LABELS: Labels<Scorer> = {
  unit: { zh: '日常管理单位', en: 'Daily-managing unit' },
  community: { zh: '村居委会', en: 'Community' },
};

export const LEAVE_TYPES = ['annual', 'sick', 'personal', 'marriage', 'maternity', 'bereavement', 'work_injury'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const LEAVE_TYPE_LABELS: Labels<LeaveType> = {
  annual: { zh: '年休假', en: 'Annual leave' },
  sick: { zh: '病假', en: 'Sick leave' },
  personal: { zh: '事假', en: 'Personal leave' },
  marriage: { zh: '婚假', en: 'Marriage leave' },
  maternity: { zh: '产假', en: 'Maternity leave' },
  bereavement: { zh: '丧假', en: 'Bereavement leave' },
  work_injury: { zh: '工伤假', en: 'Work-injury leave' },
};

/** #6 part 4: draft → community part entered (where it applies) → submitted → reviewed → locked. */
export const SHEET_STATES = ['draft', 'community_entered', 'submitted', 'reviewed', 'locked'] as const;
export type SheetState = (typeof SHEET_STATES)[number];
export const SHEET_STATE_LABELS: Labels<SheetState> = {
  draft: { zh: '填报中', en: 'Draft' },
  community_entered: { zh: '村居已评', en: 'Community part entered' },
  submitted: { zh: '已报送', en: 'Submitted' },
  reviewed: { zh: '主管部门已审核', en: 'Reviewed' },
  locked: { zh: '已锁定', en: 'Locked' },
};

export const SHEET_EVENTS = ['enter_community', 'submit', 'review', 'return', 'lock'] as const;
export type SheetEvent = (typeof SHEET_EVENTS)[number];
export const SHEET_EVENT_LABELS: Labels<SheetEvent> = {
  enter_community: { zh: '村居评分完成', en: 'Community part done' },
  submit: { zh: '报送', en: 'Submit' },
  review: { zh: '审核通过', en: 'Review' },
  return: { zh: '退回修改', en: 'Return' },
  lock: { zh: '锁定', en: 'Lock' },
};
