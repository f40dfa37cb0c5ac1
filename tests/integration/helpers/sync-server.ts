/**
 * Server-side sync tests without a device: hand-built operations sent to the real routes in-process, pulls paged
 * to the end, extra staff accounts, and a fingerprint of the synced tables to prove a request changed nothing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '$lib/server/db/schema';
import { newId } from '$lib/domain/ids';
import {
	SYNC_PROTOCOL_HEADER,
	SYNC_PROTOCOL_VERSION,
	type OpResult,
	type PullResponse,
	type PushOperation,
	type SyncChange
} from '$lib/domain/sync';
import { DEMO_ORGANISATION_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { signInToken, type ApiCall, type ApiResponse, type CallOptions } from './api';
import { SIGNATURE_PNG } from './factories';

export const PROTOCOL = { [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };

export interface Account {
	userId: string;
	email: string;
	password: string;
	centreId: string | null;
}

/** A complete visit: valid for every status; `status` and `signature` decide what it is. */
export function consultationFields(
	account: { userId: string; centreId: string | null },
	overrides: Record<string, unknown> = {}
): Record<string, unknown> {
	const at = new Date().toISOString();
	return {
		id: newId(),
		advisorId: account.userId,
		centreId: account.centreId,
		organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
		date: '2026-11-20',
		startTime: '10:00',
		endTime: '11:30',
		durationMin: 90,
		placeKind: 'mobile',
		address: 'ul. Długa 1, Ustka',
		topics: ['accounting'],
		notes: 'Sprawozdanie finansowe.',
		participants: [{ name: 'Maria Prezes', role: 'prezes' }],
		participantCount: 1,
		followUps: '',
		status: 'draft',
		signature: null,
		bookingId: null,
		createdAt: at,
		updatedAt: at,
		...overrides
	};
}

export const SIGNATURE = {
	image: SIGNATURE_PNG,
	signerName: 'Maria Prezes',
	signedAt: '2026-11-20T11:31:00.000Z'
};

export function signedFields(account: { userId: string; centreId: string | null }) {
	return consultationFields(account, { status: 'signed', signature: SIGNATURE });
}

export function createOp(fields: Record<string, unknown>, entity: PushOperation['entity'] = 'consultation') {
	return {
		opId: newId(),
		entity,
		entityId: fields.id as string,
		op: 'create' as const,
		fields,
		baseVersion: null
	};
}

export function updateOp(id: string, fields: Record<string, unknown>, baseVersion: number) {
	return {
		opId: newId(),
		entity: 'consultation' as const,
		entityId: id,
		op: 'update' as const,
		fields,
		baseVersion
	};
}

export function deleteOp(id: string, baseVersion: number) {
	return {
		opId: newId(),
		entity: 'consultation' as const,
		entityId: id,
		op: 'delete' as const,
		fields: {},
		baseVersion
	};
}

export function amendmentOp(
	authorId: string,
	consultationId: string,
	changes: Record<string, { before: unknown; after: unknown }>,
	id = newId()
) {
	return createOp(
		{
			id,
			consultationId,
			authorId,
			reason: 'Pomyłka w godzinie zakończenia',
			changes,
			createdAt: new Date().toISOString()
		},
		'amendment'
	);
}

export function organisationOp(fields: Record<string, unknown>, centreId: string | null) {
	const at = new Date().toISOString();
	return createOp(
		{ id: newId(), centreId, status: 'pending', createdAt: at, updatedAt: at, ...fields },
		'organisation'
	);
}

/** Everything a signed-in device needs to talk to the sync routes. */
export interface SyncClient {
	account: Account;
	token: string;
	deviceId: string;
	push(ops: unknown[], options?: CallOptions & { deviceId?: string }): Promise<ApiResponse>;
	/** Pushes and expects 200; returns the per-operation answers. */
	pushOk(ops: unknown[]): Promise<OpResult[]>;
	pull(cursor?: string, limit?: number, options?: CallOptions): Promise<ApiResponse>;
	/** Pulls page after page from `cursor` until `more` is false. */
	pullAll(cursor?: string, limit?: number): Promise<PullAll>;
}

export interface PullAll {
	changes: SyncChange[];
	cursor: string;
	reset: boolean;
	pages: PullResponse[];
}

export async function syncClient(call: ApiCall, account: Account): Promise<SyncClient> {
	const token = await signInToken(call, account.email, account.password);
	const deviceId = newId();
	const client: SyncClient = {
		account,
		token,
		deviceId,
		push: (ops, options = {}) =>
			call('POST', '/api/sync/push', {
				token,
				body: { deviceId: options.deviceId ?? deviceId, ops },
				...options,
				headers: { ...PROTOCOL, ...options.headers }
			}),
		async pushOk(ops) {
			const response = await client.push(ops);
			expect(response.status, JSON.stringify(response.body)).toBe(200);
			return (response.body as unknown as { results: OpResult[] }).results;
		},
		pull: (cursor, limit, options = {}) => {
			const query = new URLSearchParams();
			if (cursor !== undefined) query.set('cursor', cursor);
			if (limit !== undefined) query.set('limit', String(limit));
			return call('GET', `/api/sync/pull?${query}`, {
				token,
				...options,
				headers: { ...PROTOCOL, ...options.headers }
			});
		},
		async pullAll(cursor, limit) {
			const pages: PullResponse[] = [];
			let next = cursor;
			for (;;) {
				const response = await client.pull(next, limit);
				expect(response.status, JSON.stringify(response.body)).toBe(200);
				const page = response.body as unknown as PullResponse;
				pages.push(page);
				next = page.cursor;
				if (!page.more) break;
				expect(pages.length, 'pull never ends').toBeLessThan(10_000);
			}
			return {
				changes: pages.flatMap((page) => page.changes),
				cursor: next!,
				reset: pages[0]!.reset,
				pages
			};
		}
	};
	return client;
}

export const DEMO_ACCOUNTS = {
	coordinator: { userId: DEMO_USER_IDS.coordinator, email: 'koordynator@demo.pl', password: DEMO_PASSWORD },
	advisor: { userId: DEMO_USER_IDS.advisor, email: 'doradca@demo.pl', password: DEMO_PASSWORD },
	advisor2: { userId: DEMO_USER_IDS.advisor2, email: 'doradca2@demo.pl', password: DEMO_PASSWORD },
	ngo: { userId: DEMO_USER_IDS.ngo, email: 'ngo@demo.pl', password: DEMO_PASSWORD },
	admin: { userId: DEMO_USER_IDS.admin, email: 'admin@demo.pl', password: DEMO_PASSWORD }
} as const;

let staffCounter = 0;

/**
 * A new active account with one membership, signing in with the demo password (its hash is copied from a demo
 * account, so no slow hashing).
 */
export async function addStaff(
	db: Kysely<DB>,
	role: 'advisor' | 'coordinator',
	centreId: string
): Promise<Account> {
	const { passwordHash } = await db
		.selectFrom('users')
		.select('passwordHash')
		.where('id', '=', DEMO_USER_IDS.advisor)
		.executeTakeFirstOrThrow();
	const at = new Date().toISOString();
	const userId = newId();
	const email = `${role}-${Date.now()}-${staffCounter++}@example.org`;
	await db
		.insertInto('users')
		.values({
			id: userId,
			email,
			name: `Test ${role}`,
			passwordHash,
			status: 'active',
			mustChangePassword: 0,
			locale: 'pl',
			createdAt: at,
			updatedAt: at
		})
		.execute();
	await db
		.insertInto('memberships')
		.values({ id: newId(), userId, role, centreId, organisationId: null, createdAt: at })
		.execute();
	return { userId, email, password: DEMO_PASSWORD, centreId };
}

/** Row counts of every synced table and a checksum of consultations, amendments, organisations and sync_ops. */
export async function fingerprint(db: Kysely<DB>) {
	const tables = ['consultations', 'consultationAmendments', 'organisations', 'syncOps'] as const;
	const result: Record<string, unknown> = {};
	for (const table of tables) {
		const rows = await db.selectFrom(table).selectAll().execute();
		const sorted = rows
			.map((row) => JSON.stringify(row, Object.keys(row).sort()))
			.sort()
			.join('\n');
		result[table] = { count: rows.length, sha: createHash('sha256').update(sorted).digest('hex') };
	}
	const counter = await db.selectFrom('syncCounter').select('seq').executeTakeFirstOrThrow();
	result.counter = Number(counter.seq);
	return result;
}

export const results = (response: ApiResponse) =>
	(response.body as unknown as { results: OpResult[] }).results;

export const ids = (changes: readonly SyncChange[], entity?: SyncChange['entity']) =>
	changes.filter((change) => entity === undefined || change.entity === entity).map((change) => change.id);

/** The records a device ends up holding after applying `changes` in order (tombstones remove). */
export function replay(changes: readonly SyncChange[], start = new Map<string, SyncChange>()) {
	const held = new Map(start);
	for (const change of changes) {
		const key = `${change.entity}:${change.id}`;
		if (change.deleted) held.delete(key);
		else held.set(key, change);
	}
	return held;
}
