import type { IconName } from '../ui/Icon.svelte';

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Shown in the phone bottom bar; the rest live behind "More". */
  primary: boolean;
  /** Needs read access to the organisation's finance document. */
  finance?: boolean;
  /** Only these roles see it (absent: every role); e.g. Payroll is for admins and managers. */
  roles?: readonly string[];
}

/** The app's sections, in navigation order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/board', label: 'Board', icon: 'board', primary: true },
  { href: '/map', label: 'Map', icon: 'map', primary: true },
  { href: '/schedule', label: 'Schedule', icon: 'schedule', primary: true },
  { href: '/technician', label: 'Technician', icon: 'technician', primary: true },
  { href: '/invoices', label: 'Invoices', icon: 'invoices', primary: false, finance: true },
  { href: '/payroll', label: 'Payroll', icon: 'payroll', primary: false, finance: true, roles: ['admin', 'manager'] },
  { href: '/inventory', label: 'Inventory', icon: 'inventory', primary: false },
  { href: '/agreements', label: 'Agreements', icon: 'customers', primary: false },
  { href: '/customers', label: 'Customers', icon: 'customers', primary: false },
  { href: '/reports', label: 'Reports', icon: 'reports', primary: false },
  { href: '/settings', label: 'Settings', icon: 'settings', primary: false }
];

/** Whether `role` sees the item in the navigation (finance items also need finance read access). */
export function offeredTo(item: NavItem, role: string, canReadFinance: boolean): boolean {
  return (!item.finance || canReadFinance) && (!item.roles || item.roles.includes(role));
}

/** True when `path` is the item's page or one below it. */
export function isActive(item: NavItem, path: string): boolean {
  return path === item.href || path.startsWith(`${item.href}/`);
}

/** Pages outside the navigation that still deserve a name in the top bar (e.g. the job list). */
const OTHER_SECTIONS: readonly { prefix: string; label: string }[] = [
  { prefix: '/jobs', label: 'Jobs' },
  { prefix: '/wall', label: 'Wall screen' }
];

/** The top bar's name for a path no navigation item covers; null when there is none. */
export function sectionTitle(path: string): string | null {
  return OTHER_SECTIONS.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.label ?? null;
}
