import { afterEach } from 'vitest';
/** Test data for the device database: a controllable clock and ids, fresh databases, rows shaped like the slice. */
import type { Signature } from '$lib/domain/consultation';
import type { OrganisationInput } from '$lib/domain/schemas';
import {
	openLocalDb,
	type LocalCentre,
	type LocalConsultation,
	type LocalDb,
	type LocalOrganisation,
	type RepoContext
} from './local-db';
import { SENT_THROUGH } from './outbox';

export type TestContext = RepoContext & { advance: (ms: number) => void };

/** A clock that moves only when told, and ids that are valid, ordered and predictable. */
export function testContext(overrides: Partial<RepoContext> = {}): TestContext {
	let clock = Date.parse('2025-03-10T08:00:00.000Z');
	let counter = 0;
	return {
		now: () => new Date(clock),
		newId: () => `00000000-0000-7000-8000-${String(++counter).padStart(12, '0')}`,
		userId: 'advisor-1',
		centreId: 'centre-1',
		advance: (ms) => {
			clock += ms;
		},
		...overrides
	};
}

let databases = 0;

/** A new, empty database per call, so tests never share rows. */
/** For a test file: a function giving a fresh database per call, each closed after its test. */
export function freshDbs(): () => Promise<LocalDb> {
	const opened: LocalDb[] = [];
	afterEach(() => {
		for (const db of opened.splice(0)) db.close();
	});
	return async () => {
		const db = await freshDb();
		opened.push(db);
		return db;
	};
}

export function freshDb(prefix = 'user'): Promise<LocalDb> {
	databases += 1;
	return openLocalDb(`${prefix}-${databases}-${Math.random().toString(36).slice(2)}`);
}

export function signature(overrides: Partial<Signature> = {}): Signature {
	return {
		image: 'data:image/png;base64,iVBORw0KGgo=',
		signerName: 'Anna Kowalska',
		signedAt: '2025-03-10T09:30:00.000Z',
		...overrides
	};
}

export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
	return {
		name: 'Koło Gospodyń Wiejskich w Łebie',
		kind: 'ngo',
		legalForm: 'kgw',
		krs: null,
		nip: null,
		regon: null,
		street: 'ul. Nadmorska 1',
		postalCode: '84-360',
		town: 'Łeba',
		gminaTerc: '2208021',
		powiatTerc: '2208',
		email: null,
		phone: null,
		website: null,
		...overrides
	};
}

export function serverOrganisation(
	overrides: Partial<Omit<LocalOrganisation, 'origin'>> = {}
): Omit<LocalOrganisation, 'origin'> {
	return {
		...organisationInput(),
		id: 'org-server-1',
		centreId: 'centre-1',
		status: 'active',
		createdAt: '2025-01-01T00:00:00.000Z',
		updatedAt: '2025-01-01T00:00:00.000Z',
		...overrides
	};
}

export function serverCentre(overrides: Partial<LocalCentre> = {}): LocalCentre {
	return {
		id: 'centre-1',
		name: 'COP Słupsk',
		town: 'Słupsk',
		kind: 'local',
		street: 'ul. Jana Pawła II 1',
		postalCode: '76-200',
		gminaTerc: '2263011',
		powiatTerc: '2263',
		email: null,
		phone: null,
		active: true,
		createdAt: '2025-01-01T00:00:00.000Z',
		updatedAt: '2025-01-01T00:00:00.000Z',
		...overrides
	};
}

/** A consultation as the server sends it: accepted (version ≥ 1) and completed. */
export function serverConsultation(overrides: Partial<LocalConsultation> = {}): LocalConsultation {
	return {
		id: 'cons-server-1',
		advisorId: 'advisor-1',
		centreId: 'centre-1',
		organisationId: 'org-server-1',
		date: '2025-03-03',
		startTime: '10:00',
		endTime: '11:30',
		durationMin: 90,
		placeKind: 'mobile',
		address: 'ul. Nadmorska 1, Łeba',
		topics: ['law'],
		notes: 'Statut i zmiany w KRS.',
		participants: [{ name: 'Anna Kowalska', role: 'prezeska' }],
		participantCount: 2,
		followUps: '',
		status: 'completed',
		signature: null,
		bookingId: null,
		createdAt: '2025-03-03T12:00:00.000Z',
		updatedAt: '2025-03-03T12:00:00.000Z',
		version: 1,
		receipt: '00001-1',
		conflicts: [],
		...overrides
	};
}

/** Every row of every table, to prove a failed write left nothing behind. */
export async function snapshot(db: LocalDb): Promise<Record<string, unknown[]>> {
	const entries = await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()]));
	return Object.fromEntries(entries);
}

/** What the sync engine does as a push leaves: every entry now in the outbox counts as sent (in flight). */
export async function markAllSent(local: LocalDb): Promise<void> {
	const last = await local.outbox.orderBy('seq').last();
	await local.meta.put({ key: SENT_THROUGH, value: last?.seq ?? 0 });
}
