import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  PayCircleOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Action } from '@gongyi/domain';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n';

// The left menu (UI.md): only the pages that exist, each with the action a user needs to see it.
// Later issues add their areas here.

export interface NavItem {
  label: MessageKey;
  /** A page's route; groups have none. */
  path?: string;
  icon?: ReactNode;
  /** Shown only when the session allows this action (any of several); pages without one are for everyone. */
  action?: Action | readonly Action[];
  children?: NavItem[];
  /**
   * Pages reached from this one and not from the menu (人员详情 from 花名册): they appear in the
   * breadcrumb under it. Their paths may hold parameters (/workers/:id).
   */
  pages?: NavItem[];
}

/** R21: whoever signs a step of a pay run has the 审批 list. */
export const PAYROLL_SIGNERS: readonly Action[] = ['payroll.confirm', 'payroll.review', 'payroll.approve', 'payroll.release'];

/** Whether a session's actions open an item that needs `action` (any of them, for a list). */
export function allows(actions: readonly string[], action: NavItem['action']): boolean {
  if (!action) return true;
  return (typeof action === 'string' ? [action] : action).some((a) => actions.includes(a));
}

export const NAV: NavItem[] = [
  { label: 'nav.home', path: '/', icon: <DashboardOutlined /> },
  {
    label: 'nav.org',
    icon: <ApartmentOutlined />,
    children: [
      { label: 'nav.teams', path: '/org/teams', action: 'org.read' },
      { label: 'nav.departments', path: '/org/departments', action: 'org.read' },
      { label: 'nav.communities', path: '/org/communities', action: 'org.read' },
      { label: 'nav.coops', path: '/org/coops', action: 'org.read' },
      { label: 'nav.bodies', path: '/org/bodies', action: 'org.read' },
    ],
  },
  {
    label: 'nav.workers',
    icon: <TeamOutlined />,
    children: [
      {
        label: 'nav.roster',
        path: '/workers',
        action: 'worker.read',
        pages: [
          { label: 'nav.workerNew', path: '/workers/new' },
          { label: 'nav.workerDetail', path: '/workers/:id' },
        ],
      },
      { label: 'nav.import', path: '/workers/import', action: 'worker.import' },
    ],
  },
  {
    label: 'nav.staffing',
    icon: <SolutionOutlined />,
    children: [
      { label: 'nav.quotaBoard', path: '/quota', action: 'quota.read' },
      { label: 'nav.proposals', path: '/quota/proposals', action: 'quota.read' },
      { label: 'nav.hiring', path: '/hiring', action: 'hiring.read', pages: [{ label: 'nav.hiringNew', path: '/hiring/new' }] },
      { label: 'nav.exits', path: '/exits', action: 'hiring.read' },
    ],
  },
  {
    label: 'nav.agreements',
    icon: <FileProtectOutlined />,
    children: [
      { label: 'nav.agreementList', path: '/agreements', action: 'agreement.read' },
      { label: 'nav.agreementExpiring', path: '/agreements/expiring', action: 'agreement.read' },
    ],
  },
  {
    label: 'nav.assessment',
    icon: <ScheduleOutlined />,
    children: [
      { label: 'nav.attendance', path: '/assessment/attendance', action: 'assessment.read' },
      {
        label: 'nav.monthly',
        path: '/assessment/sheets',
        action: 'assessment.read',
        pages: [{ label: 'nav.assessmentSheet', path: '/assessment/sheets/:id' }],
      },
      { label: 'nav.annual', path: '/assessment/annual', action: 'assessment.read' },
      { label: 'nav.templates', path: '/assessment/templates', action: 'assessment.read' },
      { label: 'nav.overdue', path: '/assessment/overdue', action: 'assessment.read' },
      { label: 'nav.calendar', path: '/assessment/calendar', action: 'assessment.read' },
    ],
  },
  {
    label: 'nav.payroll',
    icon: <PayCircleOutlined />,
    children: [
      { label: 'nav.payPolicies', path: '/payroll/policies', action: 'payroll.read' },
      { label: 'nav.payMonthly', path: '/payroll/monthly', action: 'payroll.read', pages: [{ label: 'nav.payRun', path: '/payroll/monthly/:id' }] },
      { label: 'nav.payAnnual', path: '/payroll/annual', action: 'payroll.read', pages: [{ label: 'nav.payRun', path: '/payroll/annual/:id' }] },
      { label: 'nav.payApprovals', path: '/payroll/approvals', action: PAYROLL_SIGNERS },
      { label: 'nav.payslips', path: '/payroll/payslips', action: ['payroll.read', 'payroll.self'] },
      { label: 'nav.paySimulate', path: '/payroll/simulate', action: 'payroll.policy' },
    ],
  },
  {
    label: 'nav.funds',
    icon: <AccountBookOutlined />,
    children: [
      { label: 'nav.fundsLedger', path: '/funds/ledger', action: 'ledger.read' },
      { label: 'nav.fundsReceipts', path: '/funds/receipts', action: 'ledger.read' },
      { label: 'nav.fundsAllocations', path: '/funds/allocations', action: 'ledger.read' },
      { label: 'nav.fundsBudget', path: '/funds/budget', action: 'budget.read' },
      { label: 'nav.fundsShortfall', path: '/funds/shortfall', action: 'budget.read' },
      { label: 'nav.fundsReconciliation', path: '/funds/reconciliation', action: 'ledger.read' },
      { label: 'nav.fundsEarmarks', path: '/funds/earmarks', action: 'ledger.read' },
      { label: 'nav.fundsTrace', path: '/funds/trace', action: 'ledger.read' },
    ],
  },
  {
    label: 'nav.supervision',
    icon: <AuditOutlined />,
    children: [
      { label: 'nav.auditLog', path: '/audit/log', action: 'audit.read' },
      { label: 'nav.auditChain', path: '/audit/chain', action: 'audit.read' },
    ],
  },
  {
    label: 'nav.system',
    icon: <SettingOutlined />,
    children: [
      { label: 'nav.users', path: '/system/users', action: 'user.read' },
      { label: 'nav.security', path: '/system/security', action: 'settings.security' },
      { label: 'nav.calendar', path: '/system/calendar', action: 'calendar.manage' },
    ],
  },
];

/** The signed-in user's own pages: reached from the header's user menu, not the left menu. */
export const ACCOUNT_NAV: NavItem[] = [
  {
    label: 'nav.account',
    children: [
      { label: 'nav.password', path: '/account/password' },
      { label: 'nav.totp', path: '/account/totp' },
    ],
  },
];

/** The menu a session sees: pages its actions allow, and groups that still hold a page. */
export function visibleNav(actions: readonly string[], items: NavItem[] = NAV): NavItem[] {
  const shown: NavItem[] = [];
  for (const item of items) {
    if (!allows(actions, item.action)) continue;
    if (item.children) {
      const children = visibleNav(actions, item.children);
      if (children.length > 0) shown.push({ ...item, children });
    } else {
      shown.push(item);
    }
  }
  return shown;
}

/** Whether a menu path (possibly with parameters, /workers/:id) is the page at `pathname`. */
export function pathMatches(pattern: string, pathname: string): boolean {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (pathname === '/') return pattern === '/';
  return want.length === got.length && want.every((part, i) => part === got[i] || (part.startsWith(':') && got[i] !== ''));
}

/** The menu items from the top down to the page at `pathname` (for the breadcrumb and open group). */
export function navTrail(pathname: string, items: NavItem[] = NAV): NavItem[] {
  // Exact paths first, so /workers/new is not taken for /workers/:id.
  for (const exact of [true, false]) {
    const trail = findTrail(pathname, items, exact);
    if (trail.length) return trail;
  }
  return [];
}

function findTrail(pathname: string, items: NavItem[], exact: boolean): NavItem[] {
  for (const item of items) {
    if (item.path && (exact ? item.path === pathname : pathMatches(item.path, pathname))) return [item];
    const below = findTrail(pathname, [...(item.children ?? []), ...(item.pages ?? [])], exact);
    if (below.length) return [item, ...below];
  }
  return [];
}
