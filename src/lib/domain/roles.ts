/** Roles and the identity the server hands to the client. Pure, shared by browser and server. */

export const ROLES = ['admin', 'coordinator', 'advisor', 'ngo'] as const;
export type Role = (typeof ROLES)[number];

/** When one account holds several memberships, the strongest role decides the home screen. */
const ROLE_RANK: Record<Role, number> = { admin: 0, coordinator: 1, advisor: 2, ngo: 3 };

export function primaryRole(roles: readonly Role[]): Role | null {
	return [...roles].sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b])[0] ?? null;
}

export interface Identity {
	userId: string;
	email: string;
	name: string;
	role: Role;
	/** Centres the user works for (coordinator, advisor). */
	centreIds: string[];
	/** The organisation an NGO representative acts for. */
	organisationId: string | null;
	mustChangePassword: boolean;
	locale: 'pl' | 'en';
}

/** The first screen of each role, also the target after sign-in. */
export const HOME_BY_ROLE: Record<Role, string> = {
	admin: '/admin/centres',
	coordinator: '/dashboard',
	advisor: '/today',
	ngo: '/meetings'
};
