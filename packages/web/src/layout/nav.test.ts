import { ROLE_ACTIONS, type Role } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { NAV, visibleNav, type NavItem } from './nav';

/** The menu as "group › page" labels, for readable expectations. */
function labels(items: NavItem[], prefix = ''): string[] {
  return items.flatMap((item) =>
    item.children ? labels(item.children, `${item.label} › `) : [`${prefix}${item.label}`],
  );
}

const menuOf = (role: Role) => labels(visibleNav(ROLE_ACTIONS[role]));
const ORG = ['nav.org › nav.teams', 'nav.org › nav.departments', 'nav.org › nav.communities', 'nav.org › nav.coops', 'nav.org › nav.bodies'];

describe('menu by actions', () => {
  it('shows everything to a session holding every action', () => {
    const all = [...new Set(Object.values(ROLE_ACTIONS).flat())];
    expect(labels(visibleNav(all))).toEqual(labels(NAV));
  });

  it('shows town HR the organisation pages but neither 系统管理 nor 监察审计', () => {
    expect(menuOf('town_hr')).toEqual(['nav.home', ...ORG]);
  });

  it('shows the security administrator users and security settings, not the audit log', () => {
    expect(menuOf('security_admin')).toEqual(['nav.home', ...ORG, 'nav.system › nav.users', 'nav.system › nav.security']);
  });

  it('shows the audit administrator the audit log and the chain check, not the system pages', () => {
    expect(menuOf('audit_admin')).toEqual(['nav.home', ...ORG, 'nav.supervision › nav.auditLog', 'nav.supervision › nav.auditChain']);
  });

  it('shows supervision the audit pages and the user list (read only) but not the security settings', () => {
    expect(menuOf('supervision')).toEqual([
      'nav.home',
      ...ORG,
      'nav.supervision › nav.auditLog',
      'nav.supervision › nav.auditChain',
      'nav.system › nav.users',
    ]);
  });

  it('keeps the system administrator out of the audit log (三权分立)', () => {
    expect(menuOf('system_admin')).not.toContain('nav.supervision › nav.auditLog');
  });

  it('leaves only 工作台 to a session without actions, and drops emptied groups', () => {
    expect(labels(visibleNav([]))).toEqual(['nav.home']);
    expect(visibleNav([]).some((i) => i.children)).toBe(false);
  });
});
