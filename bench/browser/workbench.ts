/**
 * Browser-side benchmarks of the advisor's workbench, bundled by scripts/bench.js and run in Chromium: the real
 * repository, hours and search code, each beside a simpler peer doing the same job the plain way.
 */
import { openLocalDb, deleteLocalDb, type RepoContext } from '../../src/lib/client/db/local-db';
import { monthFigures, saveDraft } from '../../src/lib/client/db/consultations';
import { summariseMinutes } from '../../src/lib/domain/hours';
import { buildSearchIndex, searchOrganisations } from '../../src/lib/domain/organisation-search';
import { TOPIC_IDS } from '../../src/lib/domain/topics';
import type { ConsultationForm } from '../../src/lib/domain/consultation';

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 50);

let counter = 0;
const id = () => `00000000-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;
const ctx = (userId: string): RepoContext => ({
	now: () => new Date(),
	newId: id,
	userId,
	centreId: 'centre-1'
});

function form(i: number): ConsultationForm {
	return {
		organisationId: `org-${i % 300}`,
		date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
		startTime: '10:00',
		endTime: '11:30',
		durationMin: 90,
		placeKind: (['mobile', 'centre', 'remote'] as const)[i % 3]!,
		address: 'ul. Wojska Polskiego 21, 76-200 Słupsk',
		topics: [TOPIC_IDS[i % TOPIC_IDS.length]!, TOPIC_IDS[(i * 7) % TOPIC_IDS.length]!],
		notes: 'Porada dotycząca statutu, sprawozdania finansowego i zmian w KRS. '.repeat(4),
		participants: [{ name: 'Maria Prezes', role: 'prezes' }],
		participantCount: 2,
		followUps: 'Przesłać wzór uchwały.'
	};
}

/** submit → committed: one saveDraft (record + outbox entry in one transaction) per new visit. */
export async function saveP95(count: number) {
	const user = `bench-save-${Date.now()}`;
	const db = await openLocalDb(user);
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const started = performance.now();
		await saveDraft(db, ctx(user), id(), form(i));
		times.push(performance.now() - started);
	}
	db.close();
	await deleteLocalDb(user);

	// Peer: the same record put into a bare IndexedDB store, no outbox, no library.
	const name = `bench-raw-${Date.now()}`;
	const raw = await new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(name, 1);
		request.onupgradeneeded = () => request.result.createObjectStore('consultations', { keyPath: 'id' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	const peer: number[] = [];
	for (let i = 0; i < count; i++) {
		const started = performance.now();
		await new Promise<void>((resolve, reject) => {
			const tx = raw.transaction('consultations', 'readwrite');
			tx.objectStore('consultations').put({ id: id(), ...form(i) });
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		peer.push(performance.now() - started);
	}
	raw.close();
	indexedDB.deleteDatabase(name);
	return { ours: percentile(times, 95), peer: percentile(peer, 95) };
}

/** The month screen's figures (query + sums) over `count` local consultations of one month. */
export async function monthSum(count: number) {
	const user = `bench-month-${Date.now()}`;
	const db = await openLocalDb(user);
	const stamp = new Date().toISOString();
	await db.consultations.bulkPut(
		Array.from({ length: count }, (_, i) => ({
			id: id(),
			advisorId: user,
			centreId: 'centre-1',
			...form(i),
			status: 'completed' as const,
			signature: null,
			bookingId: null,
			createdAt: stamp,
			updatedAt: stamp,
			version: 1,
			receipt: null,
			conflicts: []
		}))
	);
	const ours: number[] = [];
	const peer: number[] = [];
	for (let run = 0; run < 5; run++) {
		let started = performance.now();
		summariseMinutes(await monthFigures(db, user, '2026-11'), { month: '2026-11' });
		ours.push(performance.now() - started);
		// Peer: read every row and add up minutes per place kind, no topic split, no month index.
		started = performance.now();
		const all = await db.consultations.toArray();
		const byPlace: Record<string, number> = {};
		for (const row of all)
			if (row.date.startsWith('2026-11'))
				byPlace[row.placeKind] = (byPlace[row.placeKind] ?? 0) + row.durationMin;
		peer.push(performance.now() - started);
	}
	db.close();
	await deleteLocalDb(user);
	return { ours: median(ours), peer: median(peer) };
}

const TOWNS = [
	'Słupsk',
	'Lębork',
	'Ustka',
	'Kartuzy',
	'Tczew',
	'Sopot',
	'Gdańsk',
	'Kwidzyn',
	'Pruszcz Gdański'
];
const WORDS = [
	'Stowarzyszenie',
	'Fundacja',
	'Koło Gospodyń',
	'Klub',
	'Towarzystwo',
	'Przyjaciół',
	'Rozwoju',
	'Ziemi',
	'Kaszubskiej',
	'Młodzieży',
	'Seniorów',
	'Pomorza',
	'Inicjatyw',
	'Lokalnych',
	'Ochrony',
	'Zwierząt'
];

/** Type-ahead over `count` organisations: the p95 of one keystroke's search. */
export function orgSearchP95(count: number) {
	const organisations = Array.from({ length: count }, (_, i) => ({
		id: `org-${i}`,
		name: `${WORDS[i % 16]} ${WORDS[(i * 3 + 1) % 16]} ${WORDS[(i * 7 + 5) % 16]} ${i}`,
		town: TOWNS[i % TOWNS.length]!,
		nip: String(5000000000 + i * 7919),
		krs: String(i * 13).padStart(10, '0'),
		regon: null
	}));
	const index = buildSearchIndex(organisations);
	const queries = [
		's',
		'st',
		'sto',
		'stow',
		'fund',
		'kasz',
		'słu',
		'gdan',
		'lebork',
		'500',
		'5000',
		'0000',
		'ziemi kasz',
		'klub mło',
		'przyj',
		'ochr',
		'sen',
		'rozw pom'
	];
	const ours: number[] = [];
	const peer: number[] = [];
	for (let round = 0; round < 12; round++) {
		for (const query of queries) {
			let started = performance.now();
			searchOrganisations(index, query, { recentIds: ['org-1', 'org-2'], limit: 8 });
			ours.push(performance.now() - started);
			// Peer: lower-case substring filter and a sort, recomputed per keystroke.
			started = performance.now();
			const q = query.toLowerCase();
			organisations
				.filter((o) => `${o.name} ${o.town} ${o.nip} ${o.krs}`.toLowerCase().includes(q))
				.sort((a, b) => a.name.localeCompare(b.name, 'pl'))
				.slice(0, 8);
			peer.push(performance.now() - started);
		}
	}
	return { ours: percentile(ours, 95), peer: percentile(peer, 95) };
}
