import type { IconName } from '../ui/Icon.svelte';

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Shown in the phone bottom bar; the rest live behind "More". */
  primary: boolean;
  /** Needs read access to the organisation's finance document. */
  finance?: boolean;
}

/** The app's sections, in navigation order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/board', label: 'Board', icon: 'board', primary: true },
  { href: '/map', label: 'Map', icon: 'map', primary: true },
  { href: '/schedule', label: 'Schedule', icon: 'schedule', primary: true },
  { href: '/technician', label: 'Technician', icon: 'technician', primary: true },
  { href: '/invoices', label: 'Invoices', icon: 'invoices', primary: false, finance: true },
  { href: '/inventory', label: 'Inventory', icon: 'inventory', primary: false },
  { href: '/agreements', label: 'Agreements', icon: 'customers', primary: false },
  { href: '/customers', label: 'Customers', icon: 'customers', primary: false },
  { href: '/reports', label: 'Reports', icon: 'reports', primary: false },
  { href: '/settings', label: 'Settings', icon: 'settings', primary: false }
];

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
