/** Which screens each role has, in bottom-bar order, and who may open a path. Pure, used by the layout. */
import type { MessageKey } from '$lib/i18n/translate';
import type { Role } from '$lib/domain/roles';

export type NavIcon =
	'today' | 'plus' | 'building' | 'chart' | 'dashboard' | 'list' | 'calendar' | 'users' | 'history';

export interface NavItem {
	href: string;
	label: MessageKey;
	icon: NavIcon;
}

export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
	advisor: [
		{ href: '/today', label: 'nav.today', icon: 'today' },
		{ href: '/log', label: 'nav.log', icon: 'plus' },
		{ href: '/organisations', label: 'nav.organisations', icon: 'building' },
		{ href: '/month', label: 'nav.month', icon: 'chart' }
	],
	coordinator: [
		{ href: '/dashboard', label: 'nav.dashboard', icon: 'dashboard' },
		{ href: '/consultations', label: 'nav.consultations', icon: 'list' },
		{ href: '/bookings', label: 'nav.bookings', icon: 'calendar' },
		{ href: '/organisations', label: 'nav.organisations', icon: 'building' }
	],
	ngo: [
		{ href: '/meetings', label: 'nav.meetings', icon: 'calendar' },
		{ href: '/book', label: 'nav.book', icon: 'plus' }
	],
	admin: [
		{ href: '/dashboard', label: 'nav.dashboard', icon: 'dashboard' },
		{ href: '/admin/centres', label: 'nav.centres', icon: 'building' },
		{ href: '/admin/users', label: 'nav.users', icon: 'users' },
		{ href: '/organisations', label: 'nav.organisations', icon: 'list' }
	]
};

/** Screens anyone may open, signed in or not. */
export const PUBLIC_PATHS = ['/login', '/register', '/shell'];
/** Screens every signed-in user has besides their role's bar. */
const COMMON_PATHS = ['/account', '/sync'];
/** Screens reached from within a role's screens rather than from the bar. */
const EXTRA_PATHS: Record<Role, string[]> = {
	advisor: ['/visits', '/agenda', '/availability'],
	coordinator: ['/visits', '/availability', '/quotas'],
	// Past sessions live on /meetings; /history only sends old links there.
	ngo: ['/history'],
	// Quotas and the project period open from the dashboard.
	admin: ['/quotas']
};

const matches = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '/');

export function isPublicPath(path: string): boolean {
	return PUBLIC_PATHS.some((p) => matches(path, p));
}

export function canOpen(role: Role, path: string): boolean {
	if (path === '/' || isPublicPath(path) || COMMON_PATHS.some((p) => matches(path, p))) return true;
	return (
		NAV_BY_ROLE[role].some((item) => matches(path, item.href)) ||
		EXTRA_PATHS[role].some((p) => matches(path, p))
	);
}
