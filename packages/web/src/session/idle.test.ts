import { describe, expect, it } from 'vitest';
import { idlePhase, idlePlan } from './idle';

const MIN = 60_000;

describe('idle timer', () => {
  it('signs out a minute before the nominal deadline (the server slides it once a minute) and warns a minute before that', () => {
    const plan = idlePlan(0, 15 * 60);
    expect(plan.expireAt).toBe(14 * MIN);
    expect(plan.warnAt).toBe(13 * MIN);
  });

  it('keeps short timeouts usable', () => {
    const plan = idlePlan(0, 60);
    expect(plan.expireAt).toBe(45_000);
    expect(plan.warnAt).toBe(22_500);
    expect(plan.warnAt).toBeGreaterThan(0);
  });

  it('runs from the latest activity', () => {
    const plan = idlePlan(1_000_000, 15 * 60);
    expect(plan.expireAt).toBe(1_000_000 + 14 * MIN);
  });

  it('tells active, warning and expired apart', () => {
    const plan = idlePlan(0, 15 * 60);
    expect(idlePhase(plan, 0)).toBe('active');
    expect(idlePhase(plan, 13 * MIN - 1)).toBe('active');
    expect(idlePhase(plan, 13 * MIN)).toBe('warning');
    expect(idlePhase(plan, 14 * MIN - 1)).toBe('warning');
    expect(idlePhase(plan, 14 * MIN)).toBe('expired');
  });
});
