/** Records as the API sends them and the device keeps them (camelCase mirrors of the server rows). */

export type OrganisationStatus = 'active' | 'pending' | 'rejected';

export interface OrganisationRecord {
	id: string;
	name: string;
	kind: 'ngo' | 'jst';
	legalForm: string;
	krs: string | null;
	nip: string | null;
	regon: string | null;
	street: string;
	postalCode: string;
	town: string;
	gminaTerc: string;
	powiatTerc: string;
	email: string | null;
	phone: string | null;
	website: string | null;
	/** Home COP. */
	centreId: string | null;
	status: OrganisationStatus;
	createdAt: string;
	updatedAt: string;
}
