/**
 * Bookings: requests and confirmed visits, their transitions and the time they hold. Time is held by claim rows
 * (one per advisor and 15-minute cell, PRIMARY KEY (advisor_id, cell_start)) written in the same transaction as
 * the booking: of two bookings of overlapping time only one can commit, on SQLite and on PostgreSQL alike. The
 * loser gets 409 `slot_taken` with the next free slots.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
	BAD_TRANSITION_MESSAGES,
	HOLDING_STATUSES,
	MAX_BOOKING_DAYS_AHEAD,
	canTransition,
	type BookingFormat,
	type BookingRequestInput,
	type BookingStatus,
	type BookingView,
	type ConfirmInput,
	type RescheduleInput,
	type Slot
} from '$lib/domain/booking';
import { claimCells, isOnGrid, offeredSlot } from '$lib/domain/slots';
import { addDays, warsawTime, warsawToday } from '$lib/domain/hours';
import { newId } from '$lib/domain/ids';
import { isWorkingDay } from '$lib/domain/calendar';
import type { Identity } from '$lib/domain/roles';
import type { BookingsTable, ConsultationStatus, DB } from '../db/schema';
import { withTransaction } from '../db/database';
import { recordAudit } from '../audit';
import { ApiError, forbidden, notFound } from '../http/api-error';
import { isAdvisorOfCentre, isStaffOfCentre } from './access';
import { centreFormats, loadSlotSources, nextFreeSlots, windowFromRow } from './availability';

type Db = Kysely<DB> | Transaction<DB>;
type BookingRow = Selectable<BookingsTable>;

const MS_PER_MIN = 60_000;

/** 409 with the next free slots: the route puts them beside the message (booking/http.ts). */
export class SlotTakenError extends ApiError {
	constructor(readonly nextFreeSlots: Slot[]) {
		super(409, 'slot_taken', 'bookingApi.slotTaken');
	}
}

const badTransition = (from: BookingStatus) =>
	new ApiError(409, 'bad_transition', BAD_TRANSITION_MESSAGES[from]);
const slotPast = () =>
	new ApiError(400, 'slot_past', 'bookingApi.slotPast', {}, { startsAt: 'bookingApi.slotPast' });
const slotUnavailable = () =>
	new ApiError(
		400,
		'slot_unavailable',
		'bookingApi.slotUnavailable',
		{},
		{ slot: 'bookingApi.slotUnavailable' }
	);

/** A unique or primary-key violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

function bookingSelect(db: Db) {
	return db
		.selectFrom('bookings')
		.innerJoin('organisations', 'organisations.id', 'bookings.organisationId')
		.innerJoin('centres', 'centres.id', 'bookings.centreId')
		.leftJoin('users as advisor', 'advisor.id', 'bookings.advisorId')
		.leftJoin('consultations', (join) =>
			join.onRef('consultations.id', '=', 'bookings.consultationId').on('consultations.deletedAt', 'is', null)
		)
		.selectAll('bookings')
		.select([
			'organisations.name as organisationName',
			'centres.name as centreName',
			'advisor.name as advisorName',
			'consultations.topics as consultationTopics',
			'consultations.durationMin as consultationMinutes',
			'consultations.followUps as consultationFollowUps',
			'consultations.status as consultationStatus'
		]);
}

type JoinedRow = BookingRow & {
	organisationName: string;
	centreName: string;
	advisorName: string | null;
	consultationTopics: string | null;
	consultationMinutes: number | null;
	consultationFollowUps: string | null;
	consultationStatus: ConsultationStatus | null;
};

export function toView(row: JoinedRow): BookingView {
	const start = row.startsAt ? new Date(row.startsAt) : null;
	const end = row.endsAt ? new Date(row.endsAt) : null;
	let topics: string[] = [];
	try {
		topics = row.consultationTopics ? (JSON.parse(row.consultationTopics) as string[]) : [];
	} catch {
		topics = [];
	}
	return {
		id: row.id,
		clientId: row.clientId,
		organisationId: row.organisationId,
		organisationName: row.organisationName,
		centreId: row.centreId,
		centreName: row.centreName,
		advisorId: row.advisorId,
		advisorName: row.advisorName,
		topic: row.topic,
		format: row.format,
		place: row.place,
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		lengthMin: row.lengthMin === null ? null : Number(row.lengthMin),
		date: start ? warsawToday(start) : null,
		startTime: start ? warsawTime(start) : null,
		endTime: end ? warsawTime(end) : null,
		status: row.status,
		preferredDays: JSON.parse(row.preferredDays || '[]') as string[],
		note: row.note,
		reason: row.reason,
		cancelledBy: row.cancelledBy,
		previousStartsAt: row.previousStartsAt,
		consultationId: row.consultationId,
		consultation:
			row.consultationId && row.consultationMinutes !== null
				? {
						topics,
						durationMin: Number(row.consultationMinutes),
						// What the organisation agreed to at the visit; a draft's text is still being written.
						followUps: row.consultationStatus === 'draft' ? '' : (row.consultationFollowUps ?? '')
					}
				: null,
		version: Number(row.version),
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		statusChangedAt: row.statusChangedAt
	};
}

export async function loadView(db: Db, id: string): Promise<BookingView> {
	const row = await bookingSelect(db).where('bookings.id', '=', id).executeTakeFirst();
	if (!row) throw notFound();
	return toView(row as JoinedRow);
}

export function canSeeBooking(
	user: Identity,
	booking: Pick<BookingRow, 'organisationId' | 'centreId' | 'advisorId'>
) {
	switch (user.role) {
		case 'admin':
			return true;
		case 'ngo':
			return user.organisationId === booking.organisationId;
		case 'coordinator':
			return user.centreIds.includes(booking.centreId);
		case 'advisor':
			return booking.advisorId === user.userId || user.centreIds.includes(booking.centreId);
	}
}

/** Which side a user acts for on a booking, or null when neither. */
function sideOf(user: Identity, booking: BookingRow): 'ngo' | 'centre' | null {
	if (user.role === 'ngo') return user.organisationId === booking.organisationId ? 'ngo' : null;
	return isStaffOfCentre(user, booking.centreId) ? 'centre' : null;
}

export async function getBooking(db: Kysely<DB>, user: Identity, id: string): Promise<BookingView> {
	const view = await loadView(db, id);
	if (!canSeeBooking(user, view)) throw notFound();
	return view;
}

export interface BookingFilters {
	statuses?: BookingStatus[];
	from?: string;
	to?: string;
}

export async function listBookings(
	db: Kysely<DB>,
	user: Identity,
	filters: BookingFilters = {}
): Promise<BookingView[]> {
	let query = bookingSelect(db);
	switch (user.role) {
		case 'ngo':
			if (!user.organisationId) return [];
			query = query.where('bookings.organisationId', '=', user.organisationId);
			break;
		case 'advisor': {
			const centres = user.centreIds.length ? user.centreIds : [''];
			query = query.where((eb) =>
				eb.or([
					eb('bookings.advisorId', '=', user.userId),
					eb.and([
						eb('bookings.advisorId', 'is', null),
						eb('bookings.status', '=', 'requested'),
						eb('bookings.centreId', 'in', centres)
					])
				])
			);
			break;
		}
		case 'coordinator':
			query = query.where('bookings.centreId', 'in', user.centreIds.length ? user.centreIds : ['']);
			break;
		case 'admin':
			break;
	}
	if (filters.statuses?.length) query = query.where('bookings.status', 'in', filters.statuses);
	if (filters.from) {
		const from = `${filters.from}`;
		query = query.where((eb) =>
			eb.or([eb('bookings.startsAt', '>=', from), eb('bookings.startsAt', 'is', null)])
		);
	}
	if (filters.to) {
		const to = filters.to;
		query = query.where((eb) =>
			eb.or([eb('bookings.startsAt', '<', to), eb('bookings.startsAt', 'is', null)])
		);
	}
	const rows = await query.limit(2000).execute();
	return rows.map((r) => toView(r as JoinedRow)).sort(compareBookings);
}

/** Upcoming first by time; requests without a time by when they were made. */
export function compareBookings(a: BookingView, b: BookingView): number {
	return (a.startsAt ?? a.createdAt).localeCompare(b.startsAt ?? b.createdAt) || a.id.localeCompare(b.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Claims

async function insertClaims(
	trx: Transaction<DB>,
	bookingId: string,
	advisorId: string,
	startsAt: string,
	lengthMin: number,
	bufferMin: number
): Promise<void> {
	const rows = claimCells(startsAt, lengthMin, bufferMin).map((cellStart) => ({
		advisorId,
		cellStart,
		bookingId
	}));
	await trx.insertInto('bookingClaims').values(rows).execute();
}

async function freeClaims(trx: Transaction<DB>, bookingId: string): Promise<void> {
	await trx.deleteFrom('bookingClaims').where('bookingId', '=', bookingId).execute();
}

/** The travel buffer an advisor keeps around premises visits at a centre: the largest of its windows there. */
async function advisorBuffer(db: Db, advisorId: string, centreId: string, format: BookingFormat) {
	if (format !== 'premises') return 0;
	const rows = await db
		.selectFrom('availabilityWindows')
		.selectAll()
		.where('advisorId', '=', advisorId)
		.where('centreId', '=', centreId)
		.execute();
	return rows.map(windowFromRow).reduce((max, w) => Math.max(max, w.bufferMin), 0);
}

/**
 * Runs a write that claims time; a unique violation on the claims (someone else holds a cell) becomes
 * `slot_taken` with the next free slots of the same kind.
 */
async function claiming<T>(
	db: Kysely<DB>,
	write: (trx: Transaction<DB>) => Promise<T>,
	next: () => Promise<Slot[]>,
	onConflict?: () => Promise<T | undefined>
): Promise<T> {
	try {
		return await withTransaction(db, write);
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const answer = onConflict ? await onConflict() : undefined;
		if (answer !== undefined) return answer;
		throw new SlotTakenError(await next().catch(() => []));
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Creating

function addressOf(row: { street: string; postalCode: string; town: string }): string {
	return [row.street, `${row.postalCode} ${row.town}`.trim()].filter(Boolean).join(', ');
}

/** An organisation's address fields; undefined when there is no such organisation. */
function organisationAddress(db: Db, id: string) {
	return db
		.selectFrom('organisations')
		.select(['street', 'postalCode', 'town'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export interface CreateResult {
	booking: BookingView;
	created: boolean;
}

async function existingByClientId(
	db: Db,
	user: Identity,
	clientId: string
): Promise<CreateResult | undefined> {
	const row = await db
		.selectFrom('bookings')
		.select(['id', 'organisationId'])
		.where('clientId', '=', clientId)
		.executeTakeFirst();
	if (!row) return undefined;
	if (row.organisationId !== user.organisationId) {
		throw new ApiError(409, 'client_id_reused', 'bookingApi.clientIdReused');
	}
	return { booking: await loadView(db, row.id), created: false };
}

export async function createBooking(
	db: Kysely<DB>,
	user: Identity,
	input: BookingRequestInput,
	now = new Date()
): Promise<CreateResult> {
	if (user.role !== 'ngo') throw forbidden();
	if (!user.organisationId) throw new ApiError(403, 'forbidden', 'bookingApi.noOrganisation');
	const organisationId = user.organisationId;
	const replay = await existingByClientId(db, user, input.clientId);
	if (replay) return replay;

	const centre = await db
		.selectFrom('centres')
		.selectAll()
		.where('id', '=', input.centreId)
		.where('active', '=', 1)
		.executeTakeFirst();
	if (!centre) throw new ApiError(400, 'invalid', 'api.invalid', {}, { centreId: 'validation.id' });
	const organisation = await organisationAddress(db, organisationId);
	if (!organisation) throw forbidden();
	if (!(await centreFormats(db, centre.id)).includes(input.format)) {
		throw new ApiError(
			400,
			'format_not_offered',
			'bookingApi.formatNotOffered',
			{},
			{
				format: 'bookingApi.formatNotOffered'
			}
		);
	}
	const place =
		input.format === 'premises'
			? addressOf(organisation)
			: input.format === 'centre'
				? addressOf(centre)
				: '';
	const stamp = now.toISOString();
	const base = {
		id: newId(),
		clientId: input.clientId,
		organisationId,
		centreId: centre.id,
		topic: input.topic,
		format: input.format,
		note: input.note,
		place,
		createdBy: user.userId,
		version: 1,
		createdAt: stamp,
		updatedAt: stamp,
		statusChangedAt: stamp
	};

	if (input.preferredDays) {
		const today = warsawToday(now);
		const days = [...input.preferredDays].sort();
		const tooEarly = days[0]! <= today;
		if (tooEarly || days.at(-1)! > addDays(today, MAX_BOOKING_DAYS_AHEAD)) {
			throw new ApiError(
				400,
				'invalid',
				'api.invalid',
				{},
				{ preferredDays: tooEarly ? 'bookingApi.preferredDaysPast' : 'bookingApi.preferredDaysTooFar' }
			);
		}
		// The form offers working days only; a weekend or a public holiday is no day for a visit.
		if (!days.every(isWorkingDay)) {
			throw new ApiError(
				400,
				'invalid',
				'api.invalid',
				{},
				{ preferredDays: 'bookingApi.preferredDaysNotWorking' }
			);
		}
		const row = { ...base, status: 'requested' as const, preferredDays: JSON.stringify(days) };
		return claiming(
			db,
			async (trx) => {
				await trx.insertInto('bookings').values(row).execute();
				await recordAudit(trx, {
					actorId: user.userId,
					entity: 'booking',
					entityId: row.id,
					action: 'requested',
					after: row
				});
				return { booking: await loadView(trx, row.id), created: true };
			},
			async () => [],
			() => existingByClientId(db, user, input.clientId)
		);
	}

	const slot = input.slot!;
	const startMs = Date.parse(slot.startsAt);
	if (startMs <= now.getTime()) throw slotPast();
	if (startMs > now.getTime() + MAX_BOOKING_DAYS_AHEAD * 86_400_000) {
		throw new ApiError(
			400,
			'slot_unavailable',
			'bookingApi.slotTooFar',
			{},
			{ slot: 'bookingApi.slotTooFar' }
		);
	}
	if (!(await isAdvisorOfCentre(db, slot.advisorId, centre.id))) throw slotUnavailable();
	const date = warsawToday(new Date(startMs));
	const sources = await loadSlotSources(db, centre.id, date, date, slot.advisorId);
	const offered = offeredSlot(
		{ ...slot, centreId: centre.id, format: input.format },
		{ windows: sources.windows, exceptions: sources.exceptions, advisorNames: sources.advisorNames },
		now
	);
	if (!offered) throw slotUnavailable();

	const row = {
		...base,
		status: 'confirmed' as const,
		advisorId: slot.advisorId,
		startsAt: offered.slot.startsAt,
		endsAt: offered.slot.endsAt,
		lengthMin: slot.lengthMin,
		bufferMin: offered.bufferMin
	};
	return claiming(
		db,
		async (trx) => {
			await trx.insertInto('bookings').values(row).execute();
			await insertClaims(trx, row.id, row.advisorId, row.startsAt, row.lengthMin, row.bufferMin);
			await recordAudit(trx, {
				actorId: user.userId,
				entity: 'booking',
				entityId: row.id,
				action: 'booked',
				after: row
			});
			return { booking: await loadView(trx, row.id), created: true };
		},
		() =>
			nextFreeSlots(
				db,
				{ centreId: centre.id, format: input.format, lengthMin: slot.lengthMin, after: new Date(startMs) },
				now
			),
		() => existingByClientId(db, user, input.clientId)
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Changing

interface Change {
	to: BookingStatus;
	action: string;
	patch?: Partial<BookingRow>;
	reason?: string | null;
	/** Claims to hold after the change (confirm, reschedule); none = the booking's claims are freed. */
	claim?: { advisorId: string; startsAt: string; lengthMin: number; bufferMin: number };
	keepClaims?: boolean;
}

async function loadForChange(
	db: Db,
	user: Identity,
	id: string
): Promise<{ row: BookingRow; side: 'ngo' | 'centre' }> {
	const row = await findBooking(db, id);
	if (!row) throw notFound();
	const side = sideOf(user, row);
	if (!side) throw canSeeBooking(user, row) ? forbidden() : notFound();
	return { row, side };
}

/**
 * Applies a change of status in one transaction: the version is compared, so of two concurrent changes of one
 * booking the second is refused as a bad transition from what the first made of it.
 */
async function applyChange(
	trx: Transaction<DB>,
	user: Identity,
	row: BookingRow,
	change: Change,
	now: Date
): Promise<BookingView> {
	if (!canTransition(row.status, change.to)) throw badTransition(row.status);
	const stamp = now.toISOString();
	if (!change.keepClaims) await freeClaims(trx, row.id);
	if (change.claim) {
		const c = change.claim;
		await insertClaims(trx, row.id, c.advisorId, c.startsAt, c.lengthMin, c.bufferMin);
	}
	const patch = {
		...change.patch,
		status: change.to,
		version: row.version + 1,
		updatedAt: stamp,
		statusChangedAt: stamp,
		...(change.reason !== undefined ? { reason: change.reason } : {})
	};
	const result = await trx
		.updateTable('bookings')
		.set(patch)
		.where('id', '=', row.id)
		.where('version', '=', row.version)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) {
		const current = await trx
			.selectFrom('bookings')
			.select('status')
			.where('id', '=', row.id)
			.executeTakeFirst();
		throw badTransition(current?.status ?? row.status);
	}
	await recordAudit(trx, {
		actorId: user.userId,
		entity: 'booking',
		entityId: row.id,
		action: change.action,
		before: row,
		after: { ...row, ...patch },
		reason: change.reason ?? null
	});
	return loadView(trx, row.id);
}

async function checkStaffTime(
	db: Kysely<DB>,
	user: Identity,
	row: BookingRow,
	advisorId: string,
	startsAt: string,
	now: Date
): Promise<void> {
	if (user.role === 'advisor' && advisorId !== user.userId) throw forbidden();
	if (!(await isAdvisorOfCentre(db, advisorId, row.centreId))) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { advisorId: 'bookingApi.advisorNotInCentre' });
	}
	if (Date.parse(startsAt) <= now.getTime()) throw slotPast();
	if (!isOnGrid(startsAt)) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { startsAt: 'bookingApi.grid' });
	}
}

export async function confirmBooking(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	input: ConfirmInput,
	now = new Date()
): Promise<BookingView> {
	const { row, side } = await loadForChange(db, user, id);
	if (side !== 'centre') throw forbidden();
	if (!canTransition(row.status, 'confirmed')) throw badTransition(row.status);
	await checkStaffTime(db, user, row, input.advisorId, input.startsAt, now);
	const bufferMin = await advisorBuffer(db, input.advisorId, row.centreId, row.format);
	const endsAt = new Date(Date.parse(input.startsAt) + input.lengthMin * MS_PER_MIN).toISOString();
	const place = await confirmedPlace(db, row, input.place);
	return takeSlot(db, user, row, now, 'confirmed', {
		slot: {
			advisorId: input.advisorId,
			startsAt: input.startsAt,
			endsAt,
			lengthMin: input.lengthMin,
			bufferMin
		},
		patch: () => (place !== row.place ? { place } : {}),
		nextFor: input.advisorId
	});
}

/**
 * Where a confirmed visit takes place. At the organisation's premises the advisor must know where to go: left
 * empty, it is the organisation's address, and without one the centre is asked to write it.
 */
async function confirmedPlace(db: Kysely<DB>, row: BookingRow, given: string | undefined): Promise<string> {
	const place = (given ?? row.place).trim();
	if (place || row.format !== 'premises') return place;
	const organisation = await organisationAddress(db, row.organisationId);
	const address = organisation ? addressOf(organisation) : '';
	if (!address) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { place: 'bookingApi.placeRequired' });
	}
	return address;
}

export async function rescheduleBooking(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	input: RescheduleInput,
	now = new Date()
): Promise<BookingView> {
	const { row, side } = await loadForChange(db, user, id);
	if (!canTransition(row.status, 'rescheduled')) throw badTransition(row.status);
	const advisorId = input.advisorId ?? row.advisorId!;
	const lengthMin = input.lengthMin ?? row.lengthMin ?? 60;
	let bufferMin: number;
	let startsAt = input.startsAt;
	let endsAt: string;
	if (side === 'ngo') {
		if (Date.parse(startsAt) <= now.getTime()) throw slotPast();
		if (!(await isAdvisorOfCentre(db, advisorId, row.centreId))) throw slotUnavailable();
		const date = warsawToday(new Date(startsAt));
		const sources = await loadSlotSources(db, row.centreId, date, date, advisorId);
		// Hours and leave only, as for a new booking: a time another booking holds is found by the claims in
		// takeSlot and answered slot_taken (with the next free times), not "the advisor does not work then".
		const offered = offeredSlot(
			{ advisorId, startsAt, lengthMin, centreId: row.centreId, format: row.format },
			{ windows: sources.windows, exceptions: sources.exceptions, advisorNames: sources.advisorNames },
			now
		);
		if (!offered) throw slotUnavailable();
		bufferMin = offered.bufferMin;
		startsAt = offered.slot.startsAt;
		endsAt = offered.slot.endsAt;
	} else {
		await checkStaffTime(db, user, row, advisorId, startsAt, now);
		bufferMin = await advisorBuffer(db, advisorId, row.centreId, row.format);
		endsAt = new Date(Date.parse(startsAt) + lengthMin * MS_PER_MIN).toISOString();
	}
	return takeSlot(db, user, row, now, 'rescheduled', {
		slot: { advisorId, startsAt, endsAt, lengthMin, bufferMin },
		patch: (fresh) => ({
			previousStartsAt: fresh.startsAt,
			...(input.place !== undefined && side === 'centre' ? { place: input.place } : {})
		}),
		// An organisation is offered any advisor's slot; the centre's staff chose this advisor.
		nextFor: side === 'centre' ? advisorId : undefined
	});
}

interface SlotTaking {
	slot: { advisorId: string; startsAt: string; endsAt: string; lengthMin: number; bufferMin: number };
	/** More fields to set, from the booking as the transaction reads it. */
	patch: (fresh: BookingRow) => Partial<BookingRow>;
	/** Whose free slots to offer when this one was taken meanwhile (undefined: any advisor's). */
	nextFor: string | undefined;
}

/**
 * Confirming and rescheduling: the booking takes the slot and its claims in one transaction. When another booking
 * claimed the slot first, the answer is SlotTakenError with the next free slots.
 */
function takeSlot(
	db: Kysely<DB>,
	user: Identity,
	row: BookingRow,
	now: Date,
	to: 'confirmed' | 'rescheduled',
	{ slot, patch, nextFor }: SlotTaking
): Promise<BookingView> {
	const { advisorId, startsAt, lengthMin, bufferMin } = slot;
	return claiming(
		db,
		async (trx) => {
			const fresh = await trx
				.selectFrom('bookings')
				.selectAll()
				.where('id', '=', row.id)
				.executeTakeFirstOrThrow();
			return applyChange(
				trx,
				user,
				fresh,
				{
					to,
					action: to,
					patch: { ...slot, ...patch(fresh) },
					claim: { advisorId, startsAt, lengthMin, bufferMin }
				},
				now
			);
		},
		() =>
			nextFreeSlots(
				db,
				{
					centreId: row.centreId,
					format: row.format,
					lengthMin,
					advisorId: nextFor,
					after: new Date(startsAt)
				},
				now
			)
	);
}

async function simpleChange(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	now: Date,
	decide: (row: BookingRow, side: 'ngo' | 'centre') => Change
): Promise<BookingView> {
	const { row, side } = await loadForChange(db, user, id);
	const change = decide(row, side);
	if (!canTransition(row.status, change.to)) throw badTransition(row.status);
	return withTransaction(db, async (trx) => {
		const fresh = await trx.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		return applyChange(trx, user, fresh, change, now);
	});
}

export function declineBooking(db: Kysely<DB>, user: Identity, id: string, reason: string, now = new Date()) {
	return simpleChange(db, user, id, now, (_row, side) => {
		if (side !== 'centre') throw forbidden();
		return { to: 'declined', action: 'declined', reason };
	});
}

export function cancelBooking(db: Kysely<DB>, user: Identity, id: string, reason: string, now = new Date()) {
	return simpleChange(db, user, id, now, (_row, side) => ({
		to: 'cancelled',
		action: 'cancelled',
		reason,
		patch: { cancelledBy: side }
	}));
}

export function markNoShow(db: Kysely<DB>, user: Identity, id: string, now = new Date()) {
	return simpleChange(db, user, id, now, (row, side) => {
		if (side !== 'centre') throw forbidden();
		if (HOLDING_STATUSES.includes(row.status) && row.startsAt && Date.parse(row.startsAt) > now.getTime()) {
			throw new ApiError(400, 'too_early', 'bookingApi.noShowTooEarly');
		}
		return { to: 'no_show', action: 'no_show' };
	});
}

function findBooking(db: Db, id: string) {
	return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The booking a new consultation may name: one that exists at the consultation's centre. Any other id (a booking
 * removed since, another centre's, a made-up one) is dropped from the card rather than refusing its hours.
 */
export async function linkableBookingId(
	trx: Transaction<DB>,
	bookingId: string | null,
	centreId: string
): Promise<string | null> {
	if (!bookingId) return null;
	const row = await findBooking(trx, bookingId);
	return row?.centreId === centreId ? bookingId : null;
}

/**
 * The booking a deleted draft had marked done is held again, in the status it had before: the visit it stood for
 * has no card any more. Returns whether it changed.
 */
export async function reopenBookingOfDeletedCard(
	trx: Transaction<DB>,
	link: { bookingId: string | null; consultationId: string; actorId: string; now: Date }
): Promise<boolean> {
	if (!link.bookingId) return false;
	const row = await findBooking(trx, link.bookingId);
	if (!row || row.status !== 'done' || row.consultationId !== link.consultationId) return false;
	const done = await trx
		.selectFrom('auditLog')
		.select('before')
		.where('entity', '=', 'booking')
		.where('entityId', '=', row.id)
		.where('action', '=', 'done')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	const before = done?.before ? (JSON.parse(done.before) as { status?: BookingStatus }).status : undefined;
	const stamp = link.now.toISOString();
	const patch = {
		status: before && HOLDING_STATUSES.includes(before) ? before : ('confirmed' as const),
		consultationId: null,
		version: row.version + 1,
		updatedAt: stamp,
		statusChangedAt: stamp
	};
	await trx.updateTable('bookings').set(patch).where('id', '=', row.id).execute();
	await recordAudit(trx, {
		actorId: link.actorId,
		entity: 'booking',
		entityId: row.id,
		action: 'reopened',
		before: row,
		after: { ...row, ...patch }
	});
	return true;
}

/**
 * A consultation logged for a booking marks it done, in the consultation's own transaction (sync push). Only the
 * booking's advisor, at its centre, in a status that holds time; anything else leaves the booking as it is and
 * the consultation is accepted all the same (its hours are evidence either way). Returns whether it changed.
 */
export async function markBookingDone(
	trx: Transaction<DB>,
	link: { bookingId: string | null; consultationId: string; advisorId: string; centreId: string; now: Date }
): Promise<boolean> {
	if (!link.bookingId) return false;
	const row = await findBooking(trx, link.bookingId);
	if (
		!row ||
		row.advisorId !== link.advisorId ||
		row.centreId !== link.centreId ||
		!HOLDING_STATUSES.includes(row.status)
	) {
		return false;
	}
	const stamp = link.now.toISOString();
	const patch = {
		status: 'done' as const,
		consultationId: link.consultationId,
		version: row.version + 1,
		updatedAt: stamp,
		statusChangedAt: stamp
	};
	const result = await trx
		.updateTable('bookings')
		.set(patch)
		.where('id', '=', row.id)
		.where('version', '=', row.version)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) return false;
	await recordAudit(trx, {
		actorId: link.advisorId,
		entity: 'booking',
		entityId: row.id,
		action: 'done',
		before: row,
		after: { ...row, ...patch }
	});
	return true;
}
