import { toHalfWidth } from '@gongyi/domain';
import type { Parsed } from './values.js';

// The town's teams, departments and communities, found by the names clerks write in rosters.

export interface DatedRef {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

export interface TeamRef extends DatedRef {
  /** The team's management assignments (R4, R5), each with its daily-managing units in order. */
  assignments: { validFrom: string; validTo: string | null; managingDepartmentIds: string[] }[];
}

export interface DepartmentRef extends DatedRef {
  shortName: string;
}

export interface ImportLookups {
  teams: TeamRef[];
  departments: DepartmentRef[];
  communities: DatedRef[];
}

const nameKey = (text: string) => toHalfWidth(text).replace(/\s+/g, '');
const inForce = (r: { validFrom: string; validTo: string | null }, on: string) => r.validFrom <= on && (r.validTo === null || r.validTo >= on);

/** Each item under its normalised names, built once per list (a 100k-row file asks 100k times). */
const indexes = new WeakMap<readonly DatedRef[], Map<string, DatedRef[]>>();
function nameIndex<T extends DatedRef>(items: readonly T[], aliases: (item: T) => string[]): Map<string, T[]> {
  let index = indexes.get(items);
  if (!index) {
    index = new Map();
    for (const item of items) {
      for (const name of new Set([item.name, ...aliases(item)].map(nameKey).filter((n) => n.length > 0))) index.set(name, [...(index.get(name) ?? []), item]);
    }
    indexes.set(items, index);
  }
  return index as Map<string, T[]>;
}

/**
 * By exact name (or alias); failing that, the one item whose name the text contains or which
 * contains the text (“河道保洁队” → 河道保洁). Several such items are ambiguous.
 */
function byName<T extends DatedRef>(items: readonly T[], text: string, aliases: (item: T) => string[]): { found?: T; candidates: T[] } {
  const key = nameKey(text);
  const index = nameIndex(items, aliases);
  const exact = index.get(key) ?? [];
  if (exact.length === 1) return { found: exact[0]!, candidates: exact };
  if (exact.length > 1 || key.length < 2) return { candidates: exact };
  const near = new Set<T>();
  for (const [name, named] of index) if (key.includes(name) || name.includes(key)) named.forEach((item) => near.add(item));
  const candidates = items.filter((item) => near.has(item));
  return candidates.length === 1 ? { found: candidates[0]!, candidates } : { candidates };
}

const quoteList = (items: readonly DatedRef[]) => items.map((i) => i.name).join('、');

function resolve<T extends DatedRef>(items: readonly T[], text: string, label: string, hint: () => string, aliases: (item: T) => string[] = () => []): Parsed<T> {
  const { found, candidates } = byName(items, text, aliases);
  if (found) return { ok: true, value: found };
  if (candidates.length > 1) return { ok: false, message: `${label}“${text}”可能是：${quoteList(candidates)}。请填写完整名称。` };
  return { ok: false, message: `${label}“${text}”在本镇不存在。${hint()}` };
}

export const resolveTeam = (l: ImportLookups, text: string) =>
  resolve(l.teams, text, '所属队伍', () => `本镇的服务队有：${quoteList(l.teams)}。请改为其中之一。`);

export const resolveCommunity = (l: ImportLookups, text: string) =>
  resolve(l.communities, text, '村居', () => `请填写村居全称${l.communities[0] ? `，如“${l.communities[0].name}”` : ''}。`);

export const resolveDepartment = (l: ImportLookups, text: string) =>
  resolve(l.departments, text, '日常管理单位', () => '请填写部门全称或简称，或留空以使用服务队的日常管理单位。', (d) => [d.shortName]);

/** The record must be in force on the worker's start date (the registry refuses it otherwise). */
export function inForceOn(item: DatedRef, label: string, on: string): string | undefined {
  if (inForce(item, on)) return undefined;
  return `${label}“${item.name}”的有效期为 ${item.validFrom} 至 ${item.validTo ?? '今'}，入职日期 ${on} 不在其中。请核对入职日期或${label}。`;
}

/**
 * R4: the first daily-managing unit of the team's assignment in force on the start date; before the
 * first assignment, that first assignment's (the unit the worker came under).
 */
export function teamManagingUnit(team: TeamRef, on: string): string | undefined {
  const ordered = [...team.assignments].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const assignment = ordered.find((a) => inForce(a, on)) ?? ordered.find((a) => a.validFrom > on) ?? ordered.at(-1);
  return assignment?.managingDepartmentIds[0];
}
