/** Runs in the `client` project: runes compiled for the browser, so `$effect` subscribes as on the phone. */
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDb, deleteLocalDb, type LocalCentre, type LocalDb } from './db/local-db';
import { liveQueryState } from './live.svelte';
import { until } from './test-until';

const centre = (id: string, name: string): LocalCentre => ({
	id,
	name,
	town: 'Słupsk',
	kind: 'local',
	street: 'ul. Długa 1',
	postalCode: '76-200',
	gminaTerc: '2263011',
	powiatTerc: '2263',
	email: null,
	phone: null,
	active: true,
	createdAt: '2026-11-26T10:00:00.000Z',
	updatedAt: '2026-11-26T10:00:00.000Z'
});

describe('liveQueryState', () => {
	let db: LocalDb;
	const stops: (() => void)[] = [];
	afterEach(async () => {
		stops.splice(0).forEach((stop) => stop());
		db.close();
		await deleteLocalDb('live-test');
	});

	it('loads, follows writes, re-subscribes when a reactive input changes, and stops on teardown', async () => {
		db = await openLocalDb('live-test');
		await db.centres.bulkPut([centre('a', 'COP A'), centre('b', 'COP B')]);
		const selected = $state({ id: 'a' });
		let state!: ReturnType<typeof liveQueryState<string | undefined>>;
		stops.push(
			$effect.root(() => {
				state = liveQueryState(async () => (await db.centres.get(selected.id))?.name, undefined);
			})
		);
		expect(state.loaded).toBe(false);
		await until(() => state.current === 'COP A');
		expect(state.loaded).toBe(true);

		await db.centres.put(centre('a', 'COP A (nowa nazwa)'));
		await until(() => state.current === 'COP A (nowa nazwa)');

		selected.id = 'b';
		await until(() => state.current === 'COP B');

		stops.splice(0).forEach((stop) => stop());
		await db.centres.put(centre('b', 'COP B po zamknięciu'));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(state.current).toBe('COP B');
	});

	it('reports a failing query as an error, not as an empty result', async () => {
		db = await openLocalDb('live-test');
		let state!: ReturnType<typeof liveQueryState<number>>;
		stops.push(
			$effect.root(() => {
				state = liveQueryState(() => Promise.reject(new Error('broken')), 0);
			})
		);
		await until(() => state.loaded);
		expect(state.error).toBeInstanceOf(Error);
		expect(state.current).toBe(0);
	});
});
