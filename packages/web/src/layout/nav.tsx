import { ApartmentOutlined, DashboardOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n';

// The left menu (UI.md): only the pages that exist. Later issues add their areas here.

export interface NavItem {
  label: MessageKey;
  /** A page's route; groups have none. */
  path?: string;
  icon?: ReactNode;
  children?: NavItem[];
}

export const NAV: NavItem[] = [
  { label: 'nav.home', path: '/', icon: <DashboardOutlined /> },
  {
    label: 'nav.org',
    icon: <ApartmentOutlined />,
    children: [
      { label: 'nav.teams', path: '/org/teams' },
      { label: 'nav.departments', path: '/org/departments' },
      { label: 'nav.communities', path: '/org/communities' },
      { label: 'nav.coops', path: '/org/coops' },
      { label: 'nav.bodies', path: '/org/bodies' },
    ],
  },
];

/** The menu items from the top down to the page at `pathname` (for the breadcrumb and open group). */
export function navTrail(pathname: string, items: NavItem[] = NAV): NavItem[] {
  for (const item of items) {
    if (item.path === pathname) return [item];
    const below = item.children ? navTrail(pathname, item.children) : [];
    if (below.length) return [item, ...below];
  }
  return [];
}
