import { z } from 'zod';
import { BODY_KINDS, CATEGORY_CODES, COMMUNITY_KINDS, DEPARTMENT_KINDS } from '../org/vocabulary.js';
import { EffectiveSchema, IdSchema, IsoDateSchema, NameSchema, NoteSchema, pageOf, PageQuerySchema, textSchema, VALID_TO_REFINEMENT, validToNotBeforeFrom } from './common.js';
import { patchOf } from './patch.js';

// Requests and responses of the organisation API (R1–R5), shared by server and web.
// Every request object is strict: an unknown field is an error, not silently dropped.

// ---------- towns ----------
export const TownSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  district: z.string(),
  createdAt: z.string(),
});
export type Town = z.infer<typeof TownSchema>;

export const CreateTownSchema = z.strictObject({
  code: textSchema().trim().regex(/^[a-z0-9-]{2,40}$/, { message: 'invalid_code' }),
  name: NameSchema,
  district: NameSchema,
});
export type CreateTown = z.infer<typeof CreateTownSchema>;

// ---------- departments ----------
export const DepartmentKindSchema = z.enum(DEPARTMENT_KINDS);
export const DepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: DepartmentKindSchema,
  note: z.string(),
  ...EffectiveSchema,
});
export type Department = z.infer<typeof DepartmentSchema>;

export const CreateDepartmentSchema = z
  .strictObject({
    name: NameSchema,
    shortName: NameSchema.optional(),
    kind: DepartmentKindSchema,
    note: NoteSchema.default(''),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().default(null),
  })
  .refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type CreateDepartment = z.infer<typeof CreateDepartmentSchema>;

export const UpdateDepartmentSchema = patchOf(CreateDepartmentSchema.shape).refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type UpdateDepartment = z.infer<typeof UpdateDepartmentSchema>;

export const DepartmentQuerySchema = PageQuerySchema.extend({ kind: DepartmentKindSchema.optional() });
export type DepartmentQuery = z.infer<typeof DepartmentQuerySchema>;
export const DepartmentPageSchema = pageOf(DepartmentSchema);

// ---------- communities (村居: the grid unit, R24) ----------
export const CommunityKindSchema = z.enum(COMMUNITY_KINDS);
export const CommunitySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: CommunityKindSchema,
  note: z.string(),
  ...EffectiveSchema,
});
export type Community = z.infer<typeof CommunitySchema>;

export const CreateCommunitySchema = z
  .strictObject({
    name: NameSchema,
    kind: CommunityKindSchema,
    note: NoteSchema.default(''),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().default(null),
  })
  .refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type CreateCommunity = z.infer<typeof CreateCommunitySchema>;

export const UpdateCommunitySchema = patchOf(CreateCommunitySchema.shape).refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type UpdateCommunity = z.infer<typeof UpdateCommunitySchema>;

export const CommunityQuerySchema = PageQuerySchema.extend({ kind: CommunityKindSchema.optional() });
export type CommunityQuery = z.infer<typeof CommunityQuerySchema>;
export const CommunityPageSchema = pageOf(CommunitySchema);

// ---------- coops (服务社, R3) ----------
export const CoopSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  /** The department where the coop is seated (社保所 in the notice). */
  seatDepartmentId: z.string().nullable(),
  seatDepartmentName: z.string().nullable(),
  note: z.string(),
  teamCount: z.number().int(),
  ...EffectiveSchema,
});
export type Coop = z.infer<typeof CoopSchema>;

export const CreateCoopSchema = z
  .strictObject({
    name: NameSchema,
    shortName: NameSchema.optional(),
    seatDepartmentId: IdSchema.nullable().default(null),
    note: NoteSchema.default(''),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().default(null),
  })
  .refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type CreateCoop = z.infer<typeof CreateCoopSchema>;

export const UpdateCoopSchema = patchOf(CreateCoopSchema.shape).refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type UpdateCoop = z.infer<typeof UpdateCoopSchema>;
export const CoopListSchema = z.object({ items: z.array(CoopSchema) });

// ---------- categories (R2) ----------
export const CategoryCodeSchema = z.enum(CATEGORY_CODES);
export const CategorySchema = z.object({
  id: z.string(),
  code: CategoryCodeSchema,
  name: z.string(),
  /** R3: the coop a new team of this category belongs to unless set otherwise. */
  defaultCoopId: z.string().nullable(),
  defaultCoopName: z.string().nullable(),
  teamCount: z.number().int(),
});
export type Category = z.infer<typeof CategorySchema>;
export const UpdateCategorySchema = patchOf({ defaultCoopId: IdSchema.nullable() });
export type UpdateCategory = z.infer<typeof UpdateCategorySchema>;
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });

// ---------- teams and their management assignments (R4, R5) ----------
export const ManagingUnitInputSchema = z.strictObject({
  departmentId: IdSchema,
  /** The duties of the team this unit manages day to day, e.g. 河道保洁、泵站值守. */
  duties: textSchema().trim().max(200, { message: 'too_long' }).default(''),
});
export type ManagingUnitInput = z.infer<typeof ManagingUnitInputSchema>;

const AssignmentFieldsSchema = z.strictObject({
  supervisingDepartmentId: IdSchema,
  managingUnits: z.array(ManagingUnitInputSchema).min(1, { message: 'at_least_one_unit' }).max(10),
  communityScoreShare: z.boolean(),
  /** Percent of the monthly score held by communities; only meaningful when communityScoreShare (default 30). */
  communitySharePercent: z.number().int().min(1).max(99).nullable().default(null),
  note: NoteSchema.default(''),
});

const uniqueUnits = (a: { managingUnits: { departmentId: string }[] }) =>
  new Set(a.managingUnits.map((u) => u.departmentId)).size === a.managingUnits.length;
const UNIQUE_UNITS_ERROR = { message: 'duplicate_unit', path: ['managingUnits'] };

/** A team's management from `validFrom` on (R4, R5). */
export const AssignmentInputSchema = AssignmentFieldsSchema.extend({ validFrom: IsoDateSchema }).refine(uniqueUnits, UNIQUE_UNITS_ERROR);
export type AssignmentInput = z.infer<typeof AssignmentInputSchema>;

export const ManagingUnitSchema = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  duties: z.string(),
});
export type ManagingUnit = z.infer<typeof ManagingUnitSchema>;

export const AssignmentSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  supervisingDepartmentId: z.string(),
  supervisingDepartmentName: z.string(),
  managingUnits: z.array(ManagingUnitSchema),
  communityScoreShare: z.boolean(),
  communitySharePercent: z.number().int().nullable(),
  note: z.string(),
  createdAt: z.string(),
  ...EffectiveSchema,
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  categoryId: z.string(),
  categoryCode: CategoryCodeSchema,
  categoryName: z.string(),
  coopId: z.string(),
  coopName: z.string(),
  duties: z.string(),
  sortOrder: z.number().int(),
  /** The assignment in force on the query date (today unless `on` is given); null if none. */
  assignment: AssignmentSchema.nullable(),
  ...EffectiveSchema,
});
export type Team = z.infer<typeof TeamSchema>;

export const TeamDetailSchema = TeamSchema.extend({ history: z.array(AssignmentSchema) });
export type TeamDetail = z.infer<typeof TeamDetailSchema>;

export const CreateTeamSchema = z
  .strictObject({
    name: NameSchema,
    categoryId: IdSchema,
    /** Omit to use the category's default coop (R3). */
    coopId: IdSchema.optional(),
    duties: textSchema().trim().max(1000, { message: 'too_long' }).default(''),
    sortOrder: z.number().int().min(0).max(9999).default(0),
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().default(null),
    /** The first management assignment, in force from the team's validFrom. */
    assignment: AssignmentFieldsSchema.refine(uniqueUnits, UNIQUE_UNITS_ERROR),
  })
  .refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type CreateTeam = z.infer<typeof CreateTeamSchema>;

/** The team itself; who manages it changes through a new assignment version (R5). */
const { assignment: _assignment, ...TEAM_FIELDS } = CreateTeamSchema.shape;
export const UpdateTeamSchema = patchOf(TEAM_FIELDS).refine(validToNotBeforeFrom, VALID_TO_REFINEMENT);
export type UpdateTeam = z.infer<typeof UpdateTeamSchema>;

export const TeamQuerySchema = PageQuerySchema.extend({
  categoryId: IdSchema.optional(),
  coopId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
});
export type TeamQuery = z.infer<typeof TeamQuerySchema>;
export const TeamPageSchema = pageOf(TeamSchema);

export const AssignmentOnQuerySchema = z.strictObject({ on: IsoDateSchema });

// ---------- named bodies: leadership group, its office, supervision office ----------
export const BodyMemberSchema = z.object({
  role: z.string(),
  /** Who holds the seat: a title (镇长) or a department's head. */
  holder: z.string(),
  departmentId: z.string().nullable(),
});
export const BodySchema = z.object({
  id: z.string(),
  kind: z.enum(BODY_KINDS),
  name: z.string(),
  seatDepartmentId: z.string().nullable(),
  seatDepartmentName: z.string().nullable(),
  duties: z.string(),
  members: z.array(BodyMemberSchema),
});
export type Body = z.infer<typeof BodySchema>;
export const BodyListSchema = z.object({ items: z.array(BodySchema) });

// ---------- overview ----------
export const OrgOverviewSchema = z.object({
  town: TownSchema,
  teams: z.number().int(),
  departments: z.number().int(),
  communities: z.number().int(),
  coops: z.number().int(),
  teamsWithoutAssignment: z.number().int(),
});
export type OrgOverview = z.infer<typeof OrgOverviewSchema>;
