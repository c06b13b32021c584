import { DEFAULT_COMMUNITY_SHARE_PERCENT, type Assignment, type AssignmentInput } from '@gongyi/domain';

// Form values of a management assignment (R4) and their conversion to and from the API.

export interface AssignmentValues {
  supervisingDepartmentId?: string;
  managingUnits: { departmentId?: string; duties?: string }[];
  communityScoreShare: boolean;
  communitySharePercent?: number | null;
  note?: string;
}

export type AssignmentBody = Omit<AssignmentInput, 'validFrom'>;

export const EMPTY_ASSIGNMENT: AssignmentValues = {
  managingUnits: [{}],
  communityScoreShare: false,
  communitySharePercent: DEFAULT_COMMUNITY_SHARE_PERCENT,
};

/** Starts a change from the assignment in force, so the user edits only what changes. */
export function assignmentValues(current: Assignment | undefined): AssignmentValues {
  if (!current) return EMPTY_ASSIGNMENT;
  return {
    supervisingDepartmentId: current.supervisingDepartmentId,
    managingUnits: current.managingUnits.map((u) => ({ departmentId: u.departmentId, duties: u.duties })),
    communityScoreShare: current.communityScoreShare,
    communitySharePercent: current.communitySharePercent ?? DEFAULT_COMMUNITY_SHARE_PERCENT,
  };
}

/** Validated form values (required fields present) as the API's request body. */
export function assignmentBody(v: AssignmentValues): AssignmentBody {
  return {
    supervisingDepartmentId: v.supervisingDepartmentId ?? '',
    managingUnits: v.managingUnits.map((u) => ({ departmentId: u.departmentId ?? '', duties: u.duties?.trim() ?? '' })),
    communityScoreShare: v.communityScoreShare,
    communitySharePercent: v.communityScoreShare
      ? (v.communitySharePercent ?? DEFAULT_COMMUNITY_SHARE_PERCENT)
      : null,
    note: v.note?.trim() ?? '',
  };
}
