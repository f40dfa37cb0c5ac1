/**
 * Who may do what. Every API route asks here; the client's idea of its own role is never trusted.
 * Organisations are shared across the network (one NGO is advised by several COPs), so all staff read them;
 * an NGO representative sees only their own organisation.
 */
import type { Identity } from '$lib/domain/roles';

export const isStaff = (user: Identity) => user.role !== 'ngo';

export function canManageCentre(user: Identity, centreId: string | null): boolean {
	if (user.role === 'admin') return true;
	return user.role === 'coordinator' && centreId !== null && user.centreIds.includes(centreId);
}

export function canReadOrganisation(
	user: Identity,
	organisation: { id: string; status: string; centreId: string | null }
): boolean {
	if (user.role === 'ngo') return user.organisationId === organisation.id;
	if (organisation.status === 'active') return true;
	// A pending organisation is seen by its centre's staff: the advisor who added it offline keeps it on the phone.
	// A rejected one leaves the advisors' devices (it arrives as a tombstone); the coordinator keeps the decision.
	if (user.role === 'advisor') {
		return (
			organisation.status === 'pending' &&
			organisation.centreId !== null &&
			user.centreIds.includes(organisation.centreId)
		);
	}
	return canManageCentre(user, organisation.centreId);
}
