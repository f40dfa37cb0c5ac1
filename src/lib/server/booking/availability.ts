/**
 * Advisors' availability (weekly windows, one-off exceptions), the formats a centre offers, and free slots built
 * from them with the pure generator (domain/slots.ts) and the claims held by bookings.
 */
import type { Kysely, Selectable } from 'kysely';
import {
	BOOKING_FORMATS,
	MAX_BOOKING_DAYS_AHEAD,
	MAX_SLOT_RANGE_DAYS,
	NEXT_FREE_SLOTS,
	firstOverlap,
	HOLDING_STATUSES,
	type AvailabilityException,
	type AvailabilityInput,
	type AvailabilityWindow,
	type BookingFormat,
	type ExceptionInput,
	type Slot
} from '$lib/domain/booking';
import { claimKey, generateSlots, type SlotSources } from '$lib/domain/slots';
import { addDays, warsawInstant, warsawTime, warsawToday } from '$lib/domain/hours';
import { newId } from '$lib/domain/ids';
import type { Identity } from '$lib/domain/roles';
import type { AvailabilityExceptionsTable, AvailabilityWindowsTable, DB } from '../db/schema';
import { withTransaction } from '../db/database';
import { recordAudit } from '../audit';
import { ApiError, forbidden, notFound } from '../http/api-error';
import { advisorsOfCentre, assertCanManageAvailability } from './access';

const parseJson = <T>(text: string, fallback: T): T => {
	try {
		return JSON.parse(text) as T;
	} catch {
		return fallback;
	}
};

export function windowFromRow(row: Selectable<AvailabilityWindowsTable>): AvailabilityWindow {
	return {
		id: row.id,
		advisorId: row.advisorId,
		centreId: row.centreId,
		weekday: Number(row.weekday),
		startTime: row.startTime,
		endTime: row.endTime,
		validFrom: row.validFrom,
		validTo: row.validTo,
		formats: parseJson<BookingFormat[]>(row.formats, []),
		slotLengths: parseJson<number[]>(row.slotLengths, []),
		bufferMin: Number(row.bufferMin)
	};
}

export function exceptionFromRow(row: Selectable<AvailabilityExceptionsTable>): AvailabilityException {
	return {
		id: row.id,
		advisorId: row.advisorId,
		date: row.date,
		kind: row.kind,
		centreId: row.centreId,
		startTime: row.startTime,
		endTime: row.endTime,
		formats: parseJson<BookingFormat[]>(row.formats, []),
		slotLengths: parseJson<number[]>(row.slotLengths, []),
		bufferMin: Number(row.bufferMin),
		note: row.note
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and replacing availability

export async function getAvailability(
	db: Kysely<DB>,
	user: Identity,
	query: { advisorId?: string; centreId?: string }
): Promise<{ windows: AvailabilityWindow[]; exceptions: AvailabilityException[] }> {
	if (user.role === 'ngo') throw forbidden();
	let advisorIds: string[];
	if (query.advisorId) {
		if (user.role === 'advisor' && query.advisorId !== user.userId) throw forbidden();
		if (user.role === 'coordinator') {
			const shared = await db
				.selectFrom('memberships')
				.select('id')
				.where('userId', '=', query.advisorId)
				.where('role', '=', 'advisor')
				.where('centreId', 'in', user.centreIds.length ? user.centreIds : [''])
				.executeTakeFirst();
			if (!shared) throw forbidden();
		}
		advisorIds = [query.advisorId];
	} else if (query.centreId && user.role !== 'advisor') {
		if (user.role !== 'admin' && !user.centreIds.includes(query.centreId)) throw forbidden();
		advisorIds = [...(await advisorsOfCentre(db, query.centreId)).keys()];
	} else {
		advisorIds = [user.userId];
	}
	if (advisorIds.length === 0) return { windows: [], exceptions: [] };
	let windowQuery = db
		.selectFrom('availabilityWindows')
		.selectAll()
		.where('advisorId', 'in', advisorIds)
		.orderBy('advisorId')
		.orderBy('weekday')
		.orderBy('startTime');
	if (query.centreId) windowQuery = windowQuery.where('centreId', '=', query.centreId);
	const windows = (await windowQuery.execute()).map(windowFromRow);
	const today = warsawToday(new Date());
	const exceptions = (
		await db
			.selectFrom('availabilityExceptions')
			.selectAll()
			.where('advisorId', 'in', advisorIds)
			.where('date', '>=', addDays(today, -31))
			.orderBy('date')
			.orderBy('startTime')
			.execute()
	).map(exceptionFromRow);
	return { windows, exceptions };
}

/** Replaces an advisor's windows at one centre; refuses windows that overlap each other or other centres'. */
export async function replaceWindows(
	db: Kysely<DB>,
	user: Identity,
	input: AvailabilityInput
): Promise<AvailabilityWindow[]> {
	await assertCanManageAvailability(db, user, input.advisorId, input.centreId);
	return withTransaction(db, async (trx) => {
		const existing = (
			await trx
				.selectFrom('availabilityWindows')
				.selectAll()
				.where('advisorId', '=', input.advisorId)
				.execute()
		).map(windowFromRow);
		const elsewhere = existing.filter((w) => w.centreId !== input.centreId);
		const overlap = firstOverlap(
			input.windows.map((w) => ({ ...w, validTo: w.validTo ?? null })),
			elsewhere
		);
		if (overlap >= 0) {
			throw new ApiError(
				400,
				'overlap',
				'bookingApi.overlap',
				{},
				{ [`windows.${overlap}`]: 'bookingApi.overlap' }
			);
		}
		const before = existing.filter((w) => w.centreId === input.centreId);
		await trx
			.deleteFrom('availabilityWindows')
			.where('advisorId', '=', input.advisorId)
			.where('centreId', '=', input.centreId)
			.execute();
		const now = new Date().toISOString();
		const rows = input.windows.map((w) => ({
			id: newId(),
			advisorId: input.advisorId,
			centreId: input.centreId,
			weekday: w.weekday,
			startTime: w.startTime,
			endTime: w.endTime,
			validFrom: w.validFrom,
			validTo: w.validTo ?? null,
			formats: JSON.stringify(w.formats),
			slotLengths: JSON.stringify(w.slotLengths),
			bufferMin: w.bufferMin,
			createdAt: now,
			updatedBy: user.userId
		}));
		if (rows.length) await trx.insertInto('availabilityWindows').values(rows).execute();
		const after = rows.map(windowFromRow);
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'availability',
			entityId: `${input.advisorId}:${input.centreId}`,
			action: 'replaced',
			before,
			after
		});
		return after;
	});
}

export async function addException(
	db: Kysely<DB>,
	user: Identity,
	input: ExceptionInput
): Promise<AvailabilityException> {
	await assertCanManageAvailability(db, user, input.advisorId, input.centreId);
	const now = new Date();
	if (input.date < warsawToday(now)) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { date: 'bookingApi.exceptionPast' });
	}
	if (input.kind === 'leave') await refuseLeaveOverVisits(db, input);
	const row = {
		id: newId(),
		advisorId: input.advisorId,
		date: input.date,
		kind: input.kind,
		centreId: input.centreId,
		startTime: input.startTime,
		endTime: input.endTime,
		formats: JSON.stringify(input.formats ?? (input.kind === 'extra' ? [...BOOKING_FORMATS] : [])),
		slotLengths: JSON.stringify(input.slotLengths ?? (input.kind === 'extra' ? [60] : [])),
		bufferMin: input.bufferMin,
		note: input.note,
		createdAt: now.toISOString(),
		createdBy: user.userId
	};
	return withTransaction(db, async (trx) => {
		await trx.insertInto('availabilityExceptions').values(row).execute();
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'availability_exception',
			entityId: row.id,
			action: 'created',
			after: row
		});
		return exceptionFromRow(row);
	});
}

/**
 * Leave over visits already agreed would leave an organisation at a closed door: the visits are named, to be moved
 * or cancelled first (the organisation is told of either), and the leave is not added.
 */
async function refuseLeaveOverVisits(db: Kysely<DB>, input: ExceptionInput): Promise<void> {
	const from = warsawInstant(input.date, input.startTime ?? '00:00');
	const to = input.endTime
		? warsawInstant(input.date, input.endTime, 'last')
		: warsawInstant(addDays(input.date, 1), '00:00');
	if (!from || !to) return;
	const visits = await db
		.selectFrom('bookings')
		.innerJoin('organisations', 'organisations.id', 'bookings.organisationId')
		.select(['bookings.startsAt', 'organisations.name'])
		.where('bookings.advisorId', '=', input.advisorId)
		.where('bookings.status', 'in', [...HOLDING_STATUSES])
		.where('bookings.startsAt', '<', to.toISOString())
		.where('bookings.endsAt', '>', from.toISOString())
		.orderBy('bookings.startsAt')
		.execute();
	if (visits.length === 0) return;
	const list = visits.map((visit) => `${warsawTime(new Date(visit.startsAt!))} ${visit.name}`).join('; ');
	throw new ApiError(409, 'visits_during_leave', 'bookingApi.leaveOverVisits', {
		count: visits.length,
		list
	});
}

export async function deleteException(db: Kysely<DB>, user: Identity, id: string): Promise<void> {
	const row = await db
		.selectFrom('availabilityExceptions')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) throw notFound();
	await assertCanManageAvailability(db, user, row.advisorId, row.centreId);
	await withTransaction(db, async (trx) => {
		await trx.deleteFrom('availabilityExceptions').where('id', '=', id).execute();
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'availability_exception',
			entityId: id,
			action: 'deleted',
			before: row
		});
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Centre settings

export async function centreFormats(db: Kysely<DB>, centreId: string): Promise<BookingFormat[]> {
	const row = await db
		.selectFrom('centreBookingSettings')
		.select('formats')
		.where('centreId', '=', centreId)
		.executeTakeFirst();
	return row ? parseJson<BookingFormat[]>(row.formats, [...BOOKING_FORMATS]) : [...BOOKING_FORMATS];
}

export async function setCentreFormats(
	db: Kysely<DB>,
	user: Identity,
	centreId: string,
	formats: BookingFormat[]
): Promise<{ centreId: string; formats: BookingFormat[] }> {
	if (!(user.role === 'admin' || (user.role === 'coordinator' && user.centreIds.includes(centreId)))) {
		throw forbidden();
	}
	const centre = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
	if (!centre) throw notFound();
	const ordered = BOOKING_FORMATS.filter((f) => formats.includes(f));
	return withTransaction(db, async (trx) => {
		const before = await trx
			.selectFrom('centreBookingSettings')
			.selectAll()
			.where('centreId', '=', centreId)
			.executeTakeFirst();
		const values = {
			centreId,
			formats: JSON.stringify(ordered),
			updatedAt: new Date().toISOString(),
			updatedBy: user.userId
		};
		if (before) {
			await trx.updateTable('centreBookingSettings').set(values).where('centreId', '=', centreId).execute();
		} else {
			await trx.insertInto('centreBookingSettings').values(values).execute();
		}
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'centre_booking_settings',
			entityId: centreId,
			action: 'updated',
			before: before ?? null,
			after: values
		});
		return { centreId, formats: ordered };
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Slots

/** Windows, exceptions and claims of a centre's advisors over a date range: everything the generator needs. */
export async function loadSlotSources(
	db: Kysely<DB>,
	centreId: string,
	from: string,
	to: string,
	advisorId?: string
): Promise<Required<SlotSources>> {
	const names = await advisorsOfCentre(db, centreId);
	const advisorIds = advisorId ? [...names.keys()].filter((id) => id === advisorId) : [...names.keys()];
	if (advisorIds.length === 0) {
		return { windows: [], exceptions: [], claims: new Set(), advisorNames: names };
	}
	const [windowRows, exceptionRows, claimRows] = await Promise.all([
		db
			.selectFrom('availabilityWindows')
			.selectAll()
			.where('centreId', '=', centreId)
			.where('advisorId', 'in', advisorIds)
			.where('validFrom', '<=', to)
			.where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', from)]))
			.execute(),
		db
			.selectFrom('availabilityExceptions')
			.selectAll()
			.where('advisorId', 'in', advisorIds)
			.where('date', '>=', from)
			.where('date', '<=', to)
			.execute(),
		db
			.selectFrom('bookingClaims')
			.select(['advisorId', 'cellStart'])
			.where('advisorId', 'in', advisorIds)
			// A day either side covers buffers and the Warsaw/UTC date difference.
			.where('cellStart', '>=', `${addDays(from, -1)}T00:00:00.000Z`)
			.where('cellStart', '<', `${addDays(to, 2)}T00:00:00.000Z`)
			.execute()
	]);
	return {
		windows: windowRows.map(windowFromRow),
		exceptions: exceptionRows.map(exceptionFromRow),
		claims: new Set(claimRows.map((c) => claimKey(c.advisorId, c.cellStart))),
		advisorNames: names
	};
}

export interface SlotsQuery {
	centreId: string;
	from?: string;
	to?: string;
	format: BookingFormat;
	lengthMin?: number;
	advisorId?: string;
}

export function checkRange(from: string, to: string): void {
	if (to < from || addDays(from, MAX_SLOT_RANGE_DAYS - 1) < to) {
		throw new ApiError(400, 'invalid', 'bookingApi.range', {}, { to: 'bookingApi.range' });
	}
}

export async function freeSlots(db: Kysely<DB>, query: SlotsQuery, now = new Date()): Promise<Slot[]> {
	const centre = await db
		.selectFrom('centres')
		.select('id')
		.where('id', '=', query.centreId)
		.executeTakeFirst();
	if (!centre) throw notFound();
	const from = query.from ?? warsawToday(now);
	const to = query.to ?? addDays(from, 13);
	checkRange(from, to);
	const offered = await centreFormats(db, query.centreId);
	if (!offered.includes(query.format)) return [];
	// No slot a booking would refuse as too far ahead (a year): the range ends on the last day that can be booked.
	const lastBookable = addDays(warsawToday(now), MAX_BOOKING_DAYS_AHEAD - 1);
	const until = to < lastBookable ? to : lastBookable;
	if (until < from) return [];
	const sources = await loadSlotSources(db, query.centreId, from, until, query.advisorId);
	return generateSlots(
		{
			centreId: query.centreId,
			from,
			to: until,
			format: query.format,
			lengthMin: query.lengthMin,
			advisorId: query.advisorId,
			now
		},
		sources
	);
}

/**
 * Concurrent losers of one slot ask for the same next free slots; they share one computation for half a second.
 * A suggestion may be a moment stale — booking it checks the time again like any booking.
 */
const NEXT_FREE_TTL_MS = 500;
const nextFreeCaches = new WeakMap<Kysely<DB>, Map<string, { at: number; slots: Promise<Slot[]> }>>();

/** The next free slots after `after` (the one just taken), shared by the requests that lost the same race. */
export function nextFreeSlots(
	db: Kysely<DB>,
	query: Omit<SlotsQuery, 'from' | 'to'> & { after: Date },
	now = new Date()
): Promise<Slot[]> {
	let nextFreeCache = nextFreeCaches.get(db);
	if (!nextFreeCache) nextFreeCaches.set(db, (nextFreeCache = new Map()));
	const cache = nextFreeCache;
	const key = [
		query.centreId,
		query.format,
		query.lengthMin,
		query.advisorId,
		query.after.toISOString()
	].join('|');
	const cached = nextFreeCache.get(key);
	if (cached && now.getTime() - cached.at < NEXT_FREE_TTL_MS) return cached.slots;
	for (const [k, entry] of nextFreeCache) {
		if (now.getTime() - entry.at >= NEXT_FREE_TTL_MS) nextFreeCache.delete(k);
	}
	const slots = computeNextFreeSlots(db, query, now);
	nextFreeCache.set(key, { at: now.getTime(), slots });
	slots.catch(() => cache.delete(key));
	return slots;
}

/** The next free slots after `after`: the next days first, then up to two months ahead. */
async function computeNextFreeSlots(
	db: Kysely<DB>,
	query: Omit<SlotsQuery, 'from' | 'to'> & { after: Date },
	now = new Date()
): Promise<Slot[]> {
	const start = warsawToday(query.after > now ? query.after : now);
	for (const days of [3, 14, MAX_SLOT_RANGE_DAYS]) {
		const to = addDays(start, days - 1);
		const sources = await loadSlotSources(db, query.centreId, start, to, query.advisorId);
		const slots = generateSlots(
			{
				centreId: query.centreId,
				from: start,
				to,
				format: query.format,
				lengthMin: query.lengthMin,
				advisorId: query.advisorId,
				now,
				notBefore: query.after,
				limit: NEXT_FREE_SLOTS
			},
			sources
		);
		if (slots.length >= NEXT_FREE_SLOTS || days === MAX_SLOT_RANGE_DAYS) return slots;
	}
	return [];
}
