import { AppError } from '../../http/errors.js';
import type { MutationContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { countEvent } from '../auth/rate-limits.js';
import { securitySettings } from '../settings/security-settings.js';

// The ID reveal, rate-limited per user (#13 item 13): at most `revealsPerHour` numbers shown in clear
// in an hour (the window starts at the first). The first reveal beyond it records a 'reveal.threshold'
// alert in the town's audit log, which the supervision office (监察室) and the audit administrator read;
// that one and every further one in the window are refused with 429. A refusal is committed, not rolled
// back, so the count and the alert stand.

export interface RevealRefusal {
  refused: AppError;
}

const tooMany = (limit: number) =>
  new AppError('rate_limited', {
    zh: `查看完整号码过于频繁：每人每小时最多 ${limit} 次。本次未显示，已通知监察室；请稍后再试。`,
    en: `Too many numbers revealed: at most ${limit} an hour per user. Not shown; the supervision office has been alerted.`,
  });

/** Counts this reveal; a refusal (already audited) when the user is over the hour's limit, else null. */
export async function countReveal(ctx: MutationContext, townId: string, personId: string, field: string): Promise<RevealRefusal | null> {
  const limit = (await securitySettings(ctx.db, townId)).revealsPerHour;
  const rule = { windowSeconds: 3600, threshold: limit + 1, baseBlockSeconds: 0, maxBlockSeconds: 0 };
  const { count } = await countEvent(ctx.db, { townId, kind: 'reveal', subject: ctx.actor.id, source: '*' }, rule, ctx.clock.now());
  if (count <= limit) return null;
  if (count === limit + 1) {
    await recordAudit(ctx, { townId, action: 'reveal.threshold', objectType: 'user', objectId: ctx.actor.id, result: 'denied', after: { limit, perHours: 1, reveals: count } });
  }
  await recordAudit(ctx, { townId, action: 'worker.reveal', objectType: 'worker', objectId: personId, result: 'denied', after: { field, reason: 'rate_limited', count } });
  return { refused: tooMany(limit) };
}
