import { SecuritySettingsSchema, shanghaiTimestamp, type SecuritySettings } from '@gongyi/domain';
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
};

const KEY = 'security';

/** The key of the security settings row in town_settings (joined by the request gate's one query). */
export const SECURITY_SETTINGS_KEY = KEY;

const parsedSettings = new Map<string, SecuritySettings>();

/**
 * Stored values over defaults. Parsed forms are remembered by their exact JSON text (a handful of
 * towns' rows), so this holds nothing another server could change: new text is parsed anew.
 */
export function settingsFromJson(valueJson: string | null | undefined): SecuritySettings {
  if (valueJson === null || valueJson === undefined) return DEFAULT_SECURITY_SETTINGS;
  let settings = parsedSettings.get(valueJson);
  if (!settings) {
    const parsed = SecuritySettingsSchema.partial().safeParse(JSON.parse(valueJson));
    settings = Object.freeze({ ...DEFAULT_SECURITY_SETTINGS, ...(parsed.success ? parsed.data : {}) });
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
