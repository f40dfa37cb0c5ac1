/**
 * Seeded randomness for the sync simulation. Everything random in a run (faults, upstream choice, user actions)
 * draws from one of these generators, so a failing run is replayed exactly by its seed.
 */

/**
 * mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for test input. Returns numbers in [0, 1),
 * like Math.random. The same seed always gives the same sequence.
 */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One item, uniformly. Throws on an empty list: a silent `undefined` would hide a broken scenario. */
export function pick<T>(random: () => number, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick: the list is empty');
	return items[Math.floor(random() * items.length)] as T;
}

/** An integer in [min, max], both ends included. */
export function intBetween(random: () => number, min: number, max: number): number {
	const low = Math.ceil(Math.min(min, max));
	const high = Math.floor(Math.max(min, max));
	return low + Math.floor(random() * (high - low + 1));
}
