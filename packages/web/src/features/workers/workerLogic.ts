import { roleAllows, type Action, type CreateWorker, type Grant, type Person, type PersonUpdate, type PostChange, type PostInput, type PostVersion, type Team } from '@gongyi/domain';
import { fenToYuan, yuanToFen } from '../../lib/money';

// The worker pages' logic that is not React: ages, what a post version changed, and form values
// to and from the API.

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The teams a user's grants for an action reach, for a form's team list (the server decides again):
 * every team with a town-wide grant, or one scoped to a department or community (those narrow by
 * the post's unit or community, not its team); otherwise the teams of the granted coops and teams.
 */
export function teamsWithinGrants<T extends Pick<Team, 'id' | 'coopId'>>(teams: T[], grants: Pick<Grant, 'role' | 'scopeKind' | 'scopeId'>[], action: Action): T[] {
  const relevant = grants.filter((g) => roleAllows(g.role, action));
  if (relevant.some((g) => g.scopeKind === 'town' || g.scopeKind === 'department' || g.scopeKind === 'community')) return teams;
  const coops = new Set(relevant.filter((g) => g.scopeKind === 'coop').map((g) => g.scopeId));
  const own = new Set(relevant.filter((g) => g.scopeKind === 'team').map((g) => g.scopeId));
  return teams.filter((t) => coops.has(t.coopId) || own.has(t.id));
}

// ---------- what a dated change changed ----------

export type PostChangeKind =
  | 'registered'
  | 'team'
  | 'managingDepartment'
  | 'duty'
  | 'community'
  | 'specialPost'
  | 'fieldOrHazardous'
  | 'offRoster'
  | 'payScheme'
  | 'legacyAmounts'
  | 'employmentBasis'
  | 'insurance'
  | 'suspended'
  | 'resumed'
  | 'exited';

/** The kinds of change from the older version to the newer one (history is newest first). */
export function postChanges(newer: PostVersion, older: PostVersion | undefined): PostChangeKind[] {
  if (!older || older.employmentId !== newer.employmentId) return ['registered'];
  const kinds: PostChangeKind[] = [];
  if (newer.status !== older.status) {
    kinds.push(newer.status === 'exited' ? 'exited' : newer.status === 'suspended' ? 'suspended' : 'resumed');
  }
  if (newer.teamId !== older.teamId) kinds.push('team');
  if (newer.managingDepartmentId !== older.managingDepartmentId) kinds.push('managingDepartment');
  if (newer.duty !== older.duty) kinds.push('duty');
  if (newer.communityId !== older.communityId) kinds.push('community');
  if (newer.specialPost !== older.specialPost) kinds.push('specialPost');
  if (newer.fieldOrHazardous !== older.fieldOrHazardous) kinds.push('fieldOrHazardous');
  if (newer.offRoster !== older.offRoster) kinds.push('offRoster');
  if (newer.payScheme !== older.payScheme) kinds.push('payScheme');
  else if (newer.legacyBaseFen !== older.legacyBaseFen || newer.legacyBonusFen !== older.legacyBonusFen) kinds.push('legacyAmounts');
  if (newer.employmentBasis !== older.employmentBasis) kinds.push('employmentBasis');
  if (newer.insurance !== older.insurance) kinds.push('insurance');
  return kinds;
}

// ---------- the post fields of the register and change forms ----------

/** Post fields as the form holds them: amounts in yuan, an empty select as undefined. */
export interface PostValues {
  teamId?: string;
  managingDepartmentId?: string;
  duty?: string;
  communityId?: string | null;
  specialPost?: PostVersion['specialPost'];
  fieldOrHazardous?: boolean;
  offRoster?: boolean;
  payScheme?: PostVersion['payScheme'];
  legacyBaseYuan?: number | null;
  legacyBonusYuan?: number | null;
  employmentBasis?: PostVersion['employmentBasis'];
  insurance?: PostVersion['insurance'];
  note?: string;
}

export const NEW_POST: PostValues = {
  fieldOrHazardous: false,
  offRoster: false,
  payScheme: 'standard',
  employmentBasis: 'full_time',
  insurance: 'none',
  specialPost: null,
  communityId: null,
};

/** A change form starts from the version in force, so the user edits only what changes. */
export function postValuesOf(post: PostVersion): PostValues {
  return {
    teamId: post.teamId,
    managingDepartmentId: post.managingDepartmentId,
    duty: post.duty,
    communityId: post.communityId,
    specialPost: post.specialPost,
    fieldOrHazardous: post.fieldOrHazardous,
    offRoster: post.offRoster,
    payScheme: post.payScheme,
    legacyBaseYuan: fenToYuan(post.legacyBaseFen),
    legacyBonusYuan: fenToYuan(post.legacyBonusFen),
    employmentBasis: post.employmentBasis,
    insurance: post.insurance,
  };
}

/** The legacy amounts in fen: only a legacy scheme has its own (R12). */
function amounts(v: PostValues): { legacyBaseFen: number | null; legacyBonusFen: number | null } {
  if (v.payScheme !== 'legacy') return { legacyBaseFen: null, legacyBonusFen: null };
  return { legacyBaseFen: yuanToFen(v.legacyBaseYuan), legacyBonusFen: yuanToFen(v.legacyBonusYuan) };
}

/** The fields of a dated change that differ from the version in force (the server keeps the rest). */
export function postChangeBody(current: PostVersion, v: PostValues, validFrom: string): PostChange {
  const body: PostChange = { validFrom, note: v.note?.trim() ?? '' };
  const duty = v.duty?.trim() ?? '';
  const communityId = v.communityId ?? null;
  const specialPost = v.specialPost ?? null;
  if (v.teamId && v.teamId !== current.teamId) body.teamId = v.teamId;
  if (v.managingDepartmentId && v.managingDepartmentId !== current.managingDepartmentId) body.managingDepartmentId = v.managingDepartmentId;
  if (duty !== current.duty) body.duty = duty;
  if (communityId !== current.communityId) body.communityId = communityId;
  if (specialPost !== current.specialPost) body.specialPost = specialPost;
  if (v.fieldOrHazardous !== undefined && v.fieldOrHazardous !== current.fieldOrHazardous) body.fieldOrHazardous = v.fieldOrHazardous;
  if (v.offRoster !== undefined && v.offRoster !== current.offRoster) body.offRoster = v.offRoster;
  if (v.employmentBasis && v.employmentBasis !== current.employmentBasis) body.employmentBasis = v.employmentBasis;
  if (v.insurance && v.insurance !== current.insurance) body.insurance = v.insurance;
  if (v.payScheme && v.payScheme !== current.payScheme) body.payScheme = v.payScheme;
  const { legacyBaseFen, legacyBonusFen } = amounts({ ...v, payScheme: v.payScheme ?? current.payScheme });
  if (legacyBaseFen !== current.legacyBaseFen) body.legacyBaseFen = legacyBaseFen;
  if (legacyBonusFen !== current.legacyBonusFen) body.legacyBonusFen = legacyBonusFen;
  return body;
}

/** Whether a change body changes anything besides its date and note. */
export function changesSomething(body: PostChange): boolean {
  return Object.keys(body).some((k) => k !== 'validFrom' && k !== 'note');
}

// ---------- the person ----------

export interface PersonValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  householdRegistration?: string;
  address?: string;
  bankName?: string;
  bankAccount?: string;
  education?: CreateWorker['person']['education'];
  disabilityCertificate?: string;
  emergencyContactName?: string;
  emergencyContactPhone?: string;
}

const text = (value: string | undefined) => value?.trim() ?? '';
const orNull = (value: string | undefined) => value?.trim() || null;

export function createWorkerBody(person: PersonValues, post: PostValues, startDate: string): CreateWorker {
  return {
    person: {
      name: text(person.name),
      idNumber: text(person.idNumber),
      phone: orNull(person.phone),
      householdRegistration: text(person.householdRegistration),
      address: text(person.address),
      bankName: text(person.bankName),
      bankAccount: orNull(person.bankAccount),
      education: person.education ?? null,
      disabilityCertificate: text(person.disabilityCertificate),
      emergencyContactName: text(person.emergencyContactName),
      emergencyContactPhone: orNull(person.emergencyContactPhone),
    },
    post: postInputBody(post, startDate),
  };
}

/** A whole post as the API takes it (registering, hiring, transferring), from the form's values. */
export function postInputBody(post: PostValues, startDate: string): PostInput {
  return {
    teamId: post.teamId ?? '',
    managingDepartmentId: post.managingDepartmentId ?? '',
    duty: text(post.duty),
    communityId: post.communityId ?? null,
    specialPost: post.specialPost ?? null,
    fieldOrHazardous: post.fieldOrHazardous ?? false,
    offRoster: post.offRoster ?? false,
    payScheme: post.payScheme ?? 'standard',
    ...amounts(post),
    employmentBasis: post.employmentBasis ?? 'full_time',
    insurance: post.insurance ?? 'none',
    startDate,
    note: text(post.note),
  };
}

/**
 * 修改个人信息 (#13 item 1): only the fields the user changed, since the API changes exactly what it
 * is sent. The masked numbers (phone, bank account, emergency phone) cannot be shown in the form,
 * so one is sent only when a new one is typed; left empty, it is not sent and stays as stored.
 */
export function personUpdateBody(v: PersonValues, was: Person): PersonUpdate {
  const edited = {
    name: text(v.name),
    householdRegistration: text(v.householdRegistration),
    address: text(v.address),
    bankName: text(v.bankName),
    education: v.education ?? null,
    disabilityCertificate: text(v.disabilityCertificate),
    emergencyContactName: text(v.emergencyContactName),
  };
  const body: PersonUpdate = Object.fromEntries(Object.entries(edited).filter(([key, value]) => value !== was[key as keyof typeof edited]));
  for (const key of ['phone', 'bankAccount', 'emergencyContactPhone'] as const) {
    const typed = orNull(v[key]);
    if (typed) body[key] = typed;
  }
  return body;
}
