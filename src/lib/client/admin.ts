/**
 * What the registration, organisation and admin screens receive from the API, and the small helpers their forms
 * share. Browser-side view of the records: the server's row types live in $lib/server and never reach the client.
 */
import { tick } from 'svelte';
import type { FieldErrors } from '$lib/domain/schemas';
import type { Role } from '$lib/domain/roles';
import { foldForSearch } from '$lib/domain/terc';
import { t } from '$lib/i18n/locale.svelte';
import type { OrganisationRecord } from '$lib/domain/records';
import { polishOrder } from '$lib/domain/collation';
import type { RegistrationDuplicate } from '$lib/domain/organisation-duplicates';

export type { OrganisationRecord, OrganisationStatus } from '$lib/domain/records';

export type CentreKind = 'regional' | 'local';

export interface PublicCentre {
	id: string;
	name: string;
	town: string;
	kind: CentreKind;
}

export interface CentreRecord extends PublicCentre {
	street: string;
	postalCode: string;
	gminaTerc: string;
	powiatTerc: string;
	email: string | null;
	phone: string | null;
	active: 0 | 1;
	createdAt: string;
	updatedAt: string;
}

export interface RegistrationRecord extends OrganisationRecord {
	representatives: { name: string; email: string }[];
	/** Organisations it may repeat, found by the server among those this reviewer sees. */
	likelyDuplicates: RegistrationDuplicate[];
}

export type UserStatus = 'active' | 'pending' | 'deactivated';

export interface UserRecord {
	id: string;
	email: string;
	name: string;
	status: UserStatus;
	mustChangePassword: boolean;
	createdAt: string;
	memberships: { role: Role; centreId: string | null; organisationId: string | null }[];
}

/** Regional centre first (it coordinates the network), then by name as a Pole would sort it. */
export function compareCentres(a: PublicCentre, b: PublicCentre): number {
	return (a.kind === b.kind ? 0 : a.kind === 'regional' ? -1 : 1) || polishOrder.compare(a.name, b.name);
}

export function compareByName(a: { name: string }, b: { name: string }): number {
	return polishOrder.compare(a.name, b.name);
}

/** Client-side validation keys → text in the current language (server `fields` arrive already translated). */
export function fieldMessages(errors: FieldErrors): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([path, key]) => [path, t(key)]));
}

/** After a refused submit, take the user to the first field that needs fixing (long forms on a phone). */
export async function focusFirstInvalid(form: HTMLFormElement | undefined): Promise<void> {
	await tick();
	const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
	field?.focus();
}

/**
 * Every word of the query must appear somewhere in the record (case and Polish diacritics ignored); a query of
 * digits, spaces and dashes is compared without them too, so "856-734-62-15" finds NIP 8567346215.
 */
export function matchesQuery(query: string, fields: readonly (string | null | undefined)[]): boolean {
	const folded = foldForSearch(query);
	if (folded === '') return true;
	const haystack = foldForSearch(fields.filter(Boolean).join(' '));
	if (/^[\d\s-]+$/.test(folded)) {
		const digits = folded.replace(/\D/g, '');
		if (fields.some((field) => field?.replace(/[\s-]/g, '').includes(digits))) return true;
	}
	return folded.split(' ').every((word) => haystack.includes(word));
}
