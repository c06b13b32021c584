import { PASSWORD_FLOOR, SecuritySettingsSchema, shanghaiTimestamp, type SecuritySettings } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize } from '../policy.js';

/** Defaults (等保 2.0 level 3 practice); a town changes them on the security settings page. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordExpiryDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 15,
  sessionAbsoluteHours: 12,
  totpRequiredForAdmins: false,
  auditRetentionDays: 184,
  maxSessionsPerUser: 3,
  revealsPerHour: 20,
};

const KEY = 'security';

/** The key of the security settings row in town_settings (joined by the request gate's one query). */
export const SECURITY_SETTINGS_KEY = KEY;


/**
 * Never weaker than the floors, whatever a row written before them holds (#13): length 10 and 3
 * character classes.
 */
export function withFloors(settings: SecuritySettings): SecuritySettings {
  return {
    ...settings,
    passwordMinLength: Math.max(settings.passwordMinLength, PASSWORD_FLOOR.minLength),
    passwordMinClasses: Math.max(settings.passwordMinClasses, PASSWORD_FLOOR.minClasses),
  };
}

/** Each stored value that still passes its field's rule, over the defaults (one bad value spoils only itself). */
function parseStored(valueJson: string): SecuritySettings {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(valueJson) as Record<string, unknown>;
  } catch {
    // An unreadable row: the defaults apply.
  }
  const shape = SecuritySettingsSchema.shape;
  const kept = Object.fromEntries(
    Object.entries(stored).flatMap(([key, value]) => {
      const field = shape[key as keyof typeof shape];
      const parsed = field?.safeParse(value);
      return parsed?.success ? [[key, parsed.data]] : [];
    }),
  );
  return withFloors({ ...DEFAULT_SECURITY_SETTINGS, ...kept });
}

const parsedSettings = new Map<string, SecuritySettings>();

/**
 * Stored values over defaults, floored. Parsed forms are remembered by their exact JSON text (a
 * handful of towns' rows), so this holds nothing another server could change: new text is parsed anew.
 */
export function settingsFromJson(valueJson: string | null | undefined): SecuritySettings {
  if (valueJson === null || valueJson === undefined) return DEFAULT_SECURITY_SETTINGS;
  let settings = parsedSettings.get(valueJson);
  if (!settings) {
    settings = Object.freeze(parseStored(valueJson));
    if (parsedSettings.size >= 100) parsedSettings.delete(parsedSettings.keys().next().value!);
    parsedSettings.set(valueJson, settings);
  }
  return settings;
}

/** The one read of a town's security settings: stored values over defaults. */
export async function securitySettings(db: Executor, townId: string): Promise<SecuritySettings> {
  const row = await db.selectFrom('town_settings').select('value_json').where('town_id', '=', townId).where('key', '=', KEY).executeTakeFirst();
  return settingsFromJson(row?.value_json);
}

export async function readSecuritySettings(ctx: ReadContext, townId: string): Promise<SecuritySettings> {
  authorize(ctx.actor, 'settings.security');
  return securitySettings(ctx.db, townId);
}

export async function updateSecuritySettings(ctx: MutationContext, townId: string, input: SecuritySettings): Promise<SecuritySettings> {
  authorize(ctx.actor, 'settings.security');
  const before = await securitySettings(ctx.db, townId);
  const now = shanghaiTimestamp(ctx.clock.now());
  const value_json = JSON.stringify(input);
  await ctx.db
    .insertInto('town_settings')
    .values({ town_id: townId, key: KEY, value_json, updated_at: now })
    .onConflict((oc) => oc.columns(['town_id', 'key']).doUpdateSet({ value_json, updated_at: now }))
    .execute();
  await recordAudit(ctx, { townId, action: 'settings.security.update', objectType: 'town_settings', objectId: KEY, before, after: input });
  return input;
}
