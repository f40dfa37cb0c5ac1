/** Test data shared by integration tests: valid identifiers made on the fly, and ready-made request bodies. */
import { nipCheckDigit, regonCheckDigit } from '$lib/domain/identifiers';

/**
 * A signature image the server accepts: a real 1 × 1 RGBA PNG (header, image data and CRCs sound), for every test and
 * the sync simulation that needs a signed record. The server refuses a fake such as 'data:image/png;base64,AAAA'.
 */
export const SIGNATURE_PNG =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let counter = 0;
const unique = () => `${Date.now() % 1e6}${(counter++).toString().padStart(3, '0')}`;

export function validNip(): string {
	for (;;) {
		const body = unique().padStart(9, '7').slice(-9);
		const check = nipCheckDigit(body);
		if (check !== null) return body + check;
	}
}

export function validRegon(): string {
	const body = unique().padStart(8, '3').slice(-8);
	return body + regonCheckDigit(body);
}

export function organisationBody(overrides: Record<string, unknown> = {}) {
	return {
		name: `Stowarzyszenie Testowe ${unique()}`,
		kind: 'ngo',
		legalForm: 'stowarzyszenie',
		krs: unique().padStart(10, '0'),
		nip: validNip(),
		regon: validRegon(),
		street: 'ul. Długa 1',
		postalCode: '76-200',
		town: 'Słupsk',
		gminaTerc: '2263011',
		powiatTerc: '2263',
		email: null,
		phone: null,
		website: null,
		...overrides
	};
}

export function registrationBody(centreId: string, overrides: { email?: string } = {}) {
	return {
		organisation: organisationBody(),
		centreId,
		representative: {
			name: 'Jan Testowy',
			email: overrides.email ?? `rep-${unique()}@example.org`,
			password: 'bardzo-dobre-haslo'
		},
		consent: true
	};
}

export function centreBody(overrides: Record<string, unknown> = {}) {
	return {
		name: `COP Testowy ${unique()}`,
		town: 'Lębork',
		kind: 'local',
		street: 'ul. Krótka 2',
		postalCode: '84-300',
		gminaTerc: '2208011',
		powiatTerc: '2208',
		email: null,
		phone: null,
		...overrides
	};
}

export function uniqueEmail(prefix = 'user'): string {
	return `${prefix}-${unique()}@example.org`;
}

/** A users row to insert directly (no password that signs in): enough for tests of the database layer. */
export function userRow(id: string, email = `${id}@x.pl`) {
	const at = '2026-03-02T09:00:00.000Z';
	return {
		id,
		email,
		name: 'Test',
		passwordHash: 'x',
		status: 'active' as const,
		mustChangePassword: 0,
		locale: 'pl' as const,
		createdAt: at,
		updatedAt: at
	};
}
