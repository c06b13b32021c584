import { z } from 'zod';
import { ACTIONS, ROLES, SCOPE_KINDS } from '../org/roles.js';
import { IdSchema, IsoDateSchema, NameSchema, pageOf, PageQuerySchema, textSchema } from './common.js';
import { patchOf } from './patch.js';

// Sign-in, sessions, users and grants, security settings and the audit log (#3).

export const RoleSchema = z.enum(ROLES);
export const ScopeKindSchema = z.enum(SCOPE_KINDS);
export const ActionSchema = z.enum(ACTIONS);

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{3,40}$/, { message: 'invalid_username' });

export const PublicTownSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const PublicTownListSchema = z.object({ items: z.array(PublicTownSchema) });

export const LoginSchema = z.strictObject({
  townCode: textSchema().trim().min(1, { message: 'required' }).max(40),
  username: textSchema().trim().min(1, { message: 'required' }).max(40),
  password: z.string().min(1, { message: 'required' }).max(200),
  /** The 6-digit code of the authenticator app, when the account has TOTP on. */
  totpCode: textSchema().trim().regex(/^\d{6}$/, { message: 'invalid_totp' }).optional(),
});
export type Login = z.infer<typeof LoginSchema>;

export const GrantSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  scopeKind: ScopeKindSchema,
  scopeId: z.string().nullable(),
  /** The scope's name for display (a coop, department, team or community); null for town/self. */
  scopeName: z.string().nullable(),
  createdAt: z.string(),
});
export type Grant = z.infer<typeof GrantSchema>;

/** A signed-in session may be restricted until the user changes the password or enrols TOTP. */
export const RestrictionSchema = z.enum(['none', 'change_password', 'enrol_totp']);
export type Restriction = z.infer<typeof RestrictionSchema>;

export const SessionSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    totpEnabled: z.boolean(),
    passwordExpiresOn: IsoDateSchema.nullable(),
  }),
  town: PublicTownSchema,
  grants: z.array(GrantSchema),
  /** Every action the grants allow, so the console shows only those menus. */
  actions: z.array(ActionSchema),
  restriction: RestrictionSchema,
  /** Send back as the X-CSRF-Token header on every POST/PUT/PATCH/DELETE. */
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
  /** The town's password rules, so the change-password page can state them. */
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int(), expiryDays: z.number().int() }),
});
export type Session = z.infer<typeof SessionSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, { message: 'required' }).max(200),
  newPassword: z.string().min(1, { message: 'required' }).max(200),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const TotpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
export const TotpCodeSchema = z.strictObject({ code: textSchema().trim().regex(/^\d{6}$/, { message: 'invalid_totp' }) });

// ---------- users and grants (security_admin) ----------
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string(),
  grants: z.array(GrantSchema),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;
export const UserPageSchema = pageOf(UserSchema);
export const UserQuerySchema = PageQuerySchema.omit({ on: true }).extend({ role: RoleSchema.optional() });
export type UserQuery = z.infer<typeof UserQuerySchema>;

export const GrantInputSchema = z.strictObject({
  role: RoleSchema,
  scopeKind: ScopeKindSchema,
  scopeId: IdSchema.nullable().default(null),
});
export type GrantInput = z.infer<typeof GrantInputSchema>;

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  displayName: NameSchema,
  grants: z.array(GrantInputSchema).min(1, { message: 'at_least_one_grant' }).max(20),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

/** A new account or a reset gets a one-time password shown once; the user must change it. */
export const UserWithPasswordSchema = z.object({ user: UserSchema, oneTimePassword: z.string() });

export const UpdateUserSchema = patchOf({
  displayName: NameSchema,
  disabled: z.boolean(),
  /** Clears a lockout before it runs out. */
  unlock: z.literal(true),
});
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

// ---------- security settings (effective for the town) ----------
/**
 * The floors no town may go below (等保 2.0 level 3 practice, #13): the settings API refuses weaker
 * values and the password check applies them whatever is stored.
 */
export const PASSWORD_FLOOR = { minLength: 10, minClasses: 3 } as const;

export const SecuritySettingsSchema = z.strictObject({
  passwordMinLength: z.number().int().min(PASSWORD_FLOOR.minLength).max(64),
  /** How many of: lowercase, uppercase, digits, symbols. */
  passwordMinClasses: z.number().int().min(PASSWORD_FLOOR.minClasses).max(4),
  /** 0 = passwords never expire. */
  passwordExpiryDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(1).max(240),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  totpRequiredForAdmins: z.boolean(),
  /** 等保 asks for at least six months of audit records. */
  auditRetentionDays: z.number().int().min(184).max(36500),
  /** Sessions one account may hold at once; a further sign-in ends the oldest. */
  maxSessionsPerUser: z.number().int().min(1).max(10).default(3),
  /** ID-number reveals one user may make in an hour; beyond, refused and the supervision office alerted. */
  revealsPerHour: z.number().int().min(1).max(500).default(20),
});
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

// ---------- audit log ----------
export const AuditRecordSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actor: z.string(),
  grant: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  ip: z.string(),
  requestId: z.string(),
  result: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export const AuditQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  actor: textSchema().trim().max(100).optional(),
  action: textSchema().trim().max(100).optional(),
  objectType: textSchema().trim().max(100).optional(),
  objectId: textSchema().trim().max(100).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export const AuditPageSchema = pageOf(AuditRecordSchema);
export const ChainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});
export type ChainCheck = z.infer<typeof ChainCheckSchema>;
