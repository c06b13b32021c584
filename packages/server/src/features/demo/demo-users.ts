import type { GrantInput, Role, ScopeKind } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { hashPassword } from '../auth/passwords.js';
import { createUser } from '../users/users.service.js';

/** Printed in the README; exists only in a town seeded in demo mode. */
export const DEMO_PASSWORD = 'Gongyi@2026demo';

/** One account per role, scoped as a real town would scope it. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; scope: ScopeKind; scopeName?: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'system_admin', scope: 'town' },
  { username: 'security', displayName: '安全管理员', role: 'security_admin', scope: 'town' },
  { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', scope: 'town' },
  { username: 'leader', displayName: '分管副镇长', role: 'leader', scope: 'town' },
  { username: 'office', displayName: '领导小组办公室', role: 'leadership_office', scope: 'town' },
  { username: 'hr', displayName: '镇人事干部', role: 'town_hr', scope: 'town' },
  { username: 'finance', displayName: '财政所会计', role: 'finance', scope: 'town' },
  { username: 'coop1', displayName: '社会协管服务社', role: 'coop_admin', scope: 'coop', scopeName: '松江区小昆山社会协管服务社' },
  { username: 'coop2', displayName: '社区公共服务社', role: 'coop_admin', scope: 'coop', scopeName: '松江区小昆山社区公共服务社' },
  { username: 'zongzhiban', displayName: '综治办', role: 'supervising_dept', scope: 'department', scopeName: '社会治安综合治理办公室' },
  { username: 'paichusuo', displayName: '派出所', role: 'daily_manager', scope: 'department', scopeName: '派出所' },
  { username: 'cun1', displayName: '示范一村网格员', role: 'community_manager', scope: 'community', scopeName: '示范一村' },
  { username: 'jiancha', displayName: '监察室', role: 'supervision', scope: 'town' },
  { username: 'worker1', displayName: '演示从业人员', role: 'worker', scope: 'self' },
  // R21: every daily-managing unit of 社会协管服务社's teams confirms its own workers' pay, and both supervising departments review.
  { username: 'jiaojing', displayName: '交警支队', role: 'daily_manager', scope: 'department', scopeName: '交警支队' },
  { username: 'anjiansuo', displayName: '安监所', role: 'daily_manager', scope: 'department', scopeName: '安全生产监督管理所' },
  { username: 'renshe', displayName: '区人保局', role: 'daily_manager', scope: 'department', scopeName: '区人保局' },
  { username: 'chengguan', displayName: '城管分队', role: 'daily_manager', scope: 'department', scopeName: '城管分队' },
  { username: 'jianshe', displayName: '村建办', role: 'daily_manager', scope: 'department', scopeName: '村镇建设管理办公室' },
  { username: 'shebaosuo', displayName: '社保所', role: 'supervising_dept', scope: 'department', scopeName: '社会保障事务所' },
  // The same for 社区公共服务社's teams. Where one department both manages a team daily and supervises
  // it (社保所, 社事办, 农业服务中心), two people sign: one person never signs two steps of a run (R21).
  { username: 'shebao-rc', displayName: '社保所（日常管理）', role: 'daily_manager', scope: 'department', scopeName: '社会保障事务所' },
  { username: 'wuye', displayName: '九峰物业公司', role: 'daily_manager', scope: 'department', scopeName: '九峰物业公司' },
  { username: 'huanwei', displayName: '环卫所', role: 'daily_manager', scope: 'department', scopeName: '环卫所' },
  { username: 'shiyeban', displayName: '社事办（日常管理）', role: 'daily_manager', scope: 'department', scopeName: '社会事业管理办公室' },
  { username: 'nongfu', displayName: '农业服务中心（日常管理）', role: 'daily_manager', scope: 'department', scopeName: '农业服务中心' },
  { username: 'shuiwuzhan', displayName: '水务站', role: 'daily_manager', scope: 'department', scopeName: '水务站' },
  { username: 'fuwuzhongxin', displayName: '社区服务中心', role: 'supervising_dept', scope: 'department', scopeName: '社区服务中心' },
  { username: 'shiyeban-zg', displayName: '社事办（主管）', role: 'supervising_dept', scope: 'department', scopeName: '社会事业管理办公室' },
  { username: 'nongfu-zg', displayName: '农业服务中心（主管）', role: 'supervising_dept', scope: 'department', scopeName: '农业服务中心' },
];

let demoHash: Promise<string> | undefined;

export async function seedDemoUsers(ctx: MutationContext, townId: string): Promise<void> {
  const idOf = async (scope: ScopeKind, name: string | undefined): Promise<string | null> => {
    if (!name) return null;
    const table = ({ coop: 'coops', department: 'departments', community: 'communities', team: 'teams' } as const)[scope as 'coop'];
    const row = await ctx.db.selectFrom(table).select('id').where('town_id', '=', townId).where('name', '=', name).executeTakeFirstOrThrow();
    return row.id;
  };
  for (const u of DEMO_USERS) {
    const grant: GrantInput = { role: u.role, scopeKind: u.scope, scopeId: await idOf(u.scope, u.scopeName) };
    await addDemoUser(ctx, townId, u.username, [grant]);
  }
}

/** An account with the demo password that needs no change at first sign-in (demo towns and tests). */
export async function addDemoUser(ctx: MutationContext, townId: string, username: string, grants: GrantInput[]): Promise<void> {
  const hash = await (demoHash ??= hashPassword(DEMO_PASSWORD));
  const displayName = DEMO_USERS.find((u) => u.username === username)?.displayName ?? username;
  await createUser(ctx, townId, { username, displayName, grants }, { password: DEMO_PASSWORD, hash });
}
