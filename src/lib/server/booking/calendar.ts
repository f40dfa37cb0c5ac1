/**
 * Calendars: an advisor's private subscription feed (a secret, revocable token; only its SHA-256 is stored) and
 * one booking as an .ics file. RFC 5545: times as Europe/Warsaw wall-clock with the zone's VTIMEZONE, DTSTAMP in
 * UTC, `UID:booking-<id>@doradca` stable across every update, SEQUENCE growing with the booking's version, and
 * cancelled (or declined) bookings as STATUS:CANCELLED so calendars remove them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { TZDate } from '@date-fns/tz';
import { TIME_ZONE } from '$lib/domain/dates';
import { BOOKING_FORMAT_LABELS, HOLDING_STATUSES, type BookingView } from '$lib/domain/booking';
import { topicLabelKey, isKnownTopic } from '$lib/domain/topics';
import { newId } from '$lib/domain/ids';
import type { Identity } from '$lib/domain/roles';
import { translate, type Locale } from '$lib/i18n/translate';
import type { DB } from '../db/schema';
import { withTransaction } from '../db/database';
import { recordAudit } from '../audit';
import { ApiError } from '../http/api-error';
import { listBookings } from './bookings';

export const uidOf = (bookingId: string) => `booking-${bookingId}@doradca`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function assertAdvisor(user: Identity): void {
	if (user.role !== 'advisor') throw new ApiError(403, 'forbidden', 'bookingApi.calendar.onlyAdvisor');
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

export async function calendarTokenStatus(db: Kysely<DB>, user: Identity) {
	assertAdvisor(user);
	const row = await db
		.selectFrom('calendarTokens')
		.select('createdAt')
		.where('advisorId', '=', user.userId)
		.where('revokedAt', 'is', null)
		.orderBy('createdAt', 'desc')
		.executeTakeFirst();
	return { active: row !== undefined, createdAt: row?.createdAt ?? null };
}

/** A new feed token (any earlier one is revoked). The secret leaves the server only in this answer. */
export async function createCalendarToken(db: Kysely<DB>, user: Identity, origin: string, now = new Date()) {
	assertAdvisor(user);
	const token = randomBytes(32).toString('base64url');
	const stamp = now.toISOString();
	const id = newId();
	await withTransaction(db, async (trx) => {
		await trx
			.updateTable('calendarTokens')
			.set({ revokedAt: stamp })
			.where('advisorId', '=', user.userId)
			.where('revokedAt', 'is', null)
			.execute();
		await trx
			.insertInto('calendarTokens')
			.values({ id, advisorId: user.userId, tokenHash: hashToken(token), createdAt: stamp, revokedAt: null })
			.execute();
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'calendar_token',
			entityId: id,
			action: 'created'
		});
	});
	return { url: `${origin}/api/calendar/${token}.ics`, createdAt: stamp };
}

export async function revokeCalendarTokens(db: Kysely<DB>, user: Identity, now = new Date()): Promise<void> {
	assertAdvisor(user);
	await withTransaction(db, async (trx) => {
		const revoked = await trx
			.updateTable('calendarTokens')
			.set({ revokedAt: now.toISOString() })
			.where('advisorId', '=', user.userId)
			.where('revokedAt', 'is', null)
			.executeTakeFirst();
		if (Number(revoked.numUpdatedRows) > 0) {
			await recordAudit(trx, {
				actorId: user.userId,
				entity: 'calendar_token',
				entityId: user.userId,
				action: 'revoked'
			});
		}
	});
}

export type FeedLookup = { status: 'ok'; advisor: Identity } | { status: 'revoked' } | { status: 'unknown' };

/** The advisor a feed token belongs to, as the identity the booking list is scoped by. */
export async function lookupFeedToken(db: Kysely<DB>, token: string): Promise<FeedLookup> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: 'unknown' };
	const row = await db
		.selectFrom('calendarTokens')
		.innerJoin('users', 'users.id', 'calendarTokens.advisorId')
		.select([
			'calendarTokens.advisorId',
			'calendarTokens.revokedAt',
			'users.email',
			'users.name',
			'users.status',
			'users.locale'
		])
		.where('calendarTokens.tokenHash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return { status: 'unknown' };
	if (row.revokedAt !== null || row.status !== 'active') return { status: 'revoked' };
	// A feed is an advisor's: someone no longer an advisor (a new role) has none, whatever their old link says.
	const advisor = await db
		.selectFrom('memberships')
		.select('id')
		.where('userId', '=', row.advisorId)
		.where('role', '=', 'advisor')
		.executeTakeFirst();
	if (!advisor) return { status: 'revoked' };
	return {
		status: 'ok',
		advisor: {
			userId: row.advisorId,
			email: row.email,
			name: row.name,
			role: 'advisor',
			centreIds: [],
			organisationId: null,
			mustChangePassword: false,
			locale: row.locale
		}
	};
}

// ---------------------------------------------------------------------------------------------------------------
// iCalendar output

const FEED_DAYS_BACK = 30;
const FEED_DAYS_AHEAD = 366;

function newCalendar(name: string): ICalCalendar {
	const cal = new ICalCalendar({
		name,
		prodId: { company: 'Doradca', product: 'Doradca', language: 'PL' }
	});
	// A VTIMEZONE for every zone events use, without a calendar-wide zone: DTSTAMP and LAST-MODIFIED stay UTC.
	cal.timezone({ name: null, generator: getVtimezoneComponent });
	return cal;
}

/** Whose calendar the event goes to: the organisation names who comes; the centre's staff, whom they visit. */
type Viewer = 'organisation' | 'staff';

function summaryOf(booking: BookingView, locale: Locale, viewer: Viewer): string {
	if (viewer === 'staff') {
		return translate(locale, 'bookingApi.calendar.summary', { organisation: booking.organisationName });
	}
	return booking.advisorName
		? translate(locale, 'bookingApi.calendar.summaryWithAdvisor', {
				centre: booking.centreName,
				advisor: booking.advisorName
			})
		: translate(locale, 'bookingApi.calendar.summaryForOrganisation', { centre: booking.centreName });
}

function addEvent(cal: ICalCalendar, booking: BookingView, locale: Locale, viewer: Viewer = 'staff'): void {
	if (!booking.startsAt || !booking.endsAt) return;
	const topic = isKnownTopic(booking.topic) ? translate(locale, topicLabelKey(booking.topic)) : booking.topic;
	const format = translate(locale, BOOKING_FORMAT_LABELS[booking.format]);
	const cancelled = booking.status === 'cancelled' || booking.status === 'declined';
	cal.createEvent({
		id: uidOf(booking.id),
		sequence: Math.max(0, booking.version - 1),
		stamp: new Date(booking.updatedAt),
		lastModified: new Date(booking.updatedAt),
		created: new Date(booking.createdAt),
		start: new TZDate(Date.parse(booking.startsAt), TIME_ZONE),
		end: new TZDate(Date.parse(booking.endsAt), TIME_ZONE),
		timezone: TIME_ZONE,
		summary: summaryOf(booking, locale, viewer),
		description: [topic, format, booking.note].filter(Boolean).join('\n'),
		location: booking.place || format,
		status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
	});
}

/** One booking as a calendar file, worded for whoever downloads it. */
export function bookingIcs(booking: BookingView, locale: Locale, viewer: Viewer): string {
	const cal = newCalendar(translate(locale, 'bookingApi.calendar.name'));
	addEvent(cal, booking, locale, viewer);
	return cal.toString();
}

/** The advisor's feed: visits that hold time, done ones, and cancelled ones (so subscribed calendars drop them). */
export async function advisorFeed(db: Kysely<DB>, advisor: Identity, now = new Date()): Promise<string> {
	const from = new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000).toISOString();
	const to = new Date(now.getTime() + FEED_DAYS_AHEAD * 86_400_000).toISOString();
	const bookings = await listBookings(db, advisor, {
		statuses: [...HOLDING_STATUSES, 'done', 'cancelled'],
		from,
		to
	});
	const cal = newCalendar(translate(advisor.locale, 'bookingApi.calendar.name'));
	for (const booking of bookings) {
		if (booking.advisorId === advisor.userId) addEvent(cal, booking, advisor.locale);
	}
	return cal.toString();
}

export function icsResponse(body: string, filename?: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {})
		}
	});
}
