/**
 * The server database as Kysely sees it. Names here are camelCase; `CamelCasePlugin` maps them to the snake_case
 * tables and columns the migrations create. Both engines store the same shapes: ids are text UUIDs, timestamps are
 * ISO-8601 UTC text (`Date#toISOString()`, so text order is time order), booleans are integers 0/1 and JSON is text.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrganisationRecord } from '$lib/domain/records';
import type { Role } from '$lib/domain/roles';

/** 0 or 1; typed `number` so literals in widened object types (`{ active: 1 }`) still type-check. */
export type IntBool = number;

/** A column the database fills when the insert leaves it out. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type CentreKind = 'regional' | 'local';
export type UserStatus = 'active' | 'pending' | 'deactivated';
export type Locale = 'pl' | 'en';
export type OrganisationKind = 'ngo' | 'jst';
export type { OrganisationStatus } from '$lib/domain/records';
export type PlaceKind = 'mobile' | 'centre' | 'remote';
export type ConsultationStatus = 'draft' | 'completed' | 'signed' | 'approved';
export type BookingFormat = 'premises' | 'centre' | 'remote';
export type BookingStatus =
	'requested' | 'confirmed' | 'done' | 'no_show' | 'declined' | 'cancelled' | 'rescheduled';

export interface CentresTable {
	id: string;
	name: string;
	town: string;
	kind: CentreKind;
	street: string;
	postalCode: string;
	/** 7-digit TERC code of the gmina (towns and rural gminas share names, codes don't). */
	gminaTerc: string;
	/** 4-digit TERC code of the powiat. */
	powiatTerc: string;
	email: string | null;
	phone: string | null;
	active: IntBool;
	createdAt: string;
	updatedAt: string;
}

export interface UsersTable {
	id: string;
	/** Always lower-case; the unique index relies on it. */
	email: string;
	name: string;
	passwordHash: string;
	status: UserStatus;
	mustChangePassword: IntBool;
	locale: Locale;
	createdAt: string;
	updatedAt: string;
}

export interface MembershipsTable {
	id: string;
	userId: string;
	role: Role;
	centreId: string | null;
	organisationId: string | null;
	createdAt: string;
}

export interface SessionsTable {
	/** Hex SHA-256 of the cookie token: a leaked database row cannot be replayed as a cookie. */
	id: string;
	userId: string;
	createdAt: string;
	expiresAt: string;
	lastSeenAt: string;
	userAgent: string | null;
	ip: string | null;
}

/** A browser the account signed in from (migration 009): its sign-ins have their own failure limit. */
export interface KnownDevicesTable {
	/** Hex SHA-256 of the cookie token. */
	id: string;
	userId: string;
	createdAt: string;
	lastUsedAt: string;
}

export interface LoginAttemptsTable {
	id: Generated<number>;
	/** `email:<address>`, `device:<known device id>` or `ip:<address>`. */
	key: string;
	at: string;
	succeeded: IntBool;
}

/** Sync bookkeeping on every record a device pulls (migration 003). */
export interface SyncColumns {
	/** The server sequence of the record's last change: what a pull's cursor is compared with. */
	seq: WithDefault<number>;
	/** Receipt code of the last accepted change. */
	receipt: WithDefault<string | null>;
}

/** The row is the record the API sends (domain/records.ts) plus sync bookkeeping. */
export type OrganisationsTable = OrganisationRecord & SyncColumns & { version: WithDefault<number> };

export interface ConsultationsTable extends SyncColumns {
	id: string;
	advisorId: string;
	centreId: string;
	/** Null only for drafts whose organisation is not chosen yet. */
	organisationId: string | null;
	/** `YYYY-MM-DD`, the Europe/Warsaw calendar date. */
	date: string;
	/** `HH:MM`, Warsaw wall-clock time. */
	startTime: string;
	endTime: string;
	durationMin: number;
	placeKind: PlaceKind;
	address: WithDefault<string>;
	/** JSON array of topic ids. */
	topics: WithDefault<string>;
	notes: WithDefault<string>;
	/** JSON array of participants. */
	participants: WithDefault<string>;
	followUps: WithDefault<string>;
	participantCount: WithDefault<number>;
	status: ConsultationStatus;
	/** Signature image as a data URL. */
	signature: string | null;
	signedByName: string | null;
	signedAt: string | null;
	bookingId: string | null;
	version: WithDefault<number>;
	createdAt: string;
	updatedAt: string;
	deletedAt: string | null;
	/** JSON: field → { version, deviceId } of its last change (domain/sync.ts mergeChange). */
	fieldStamps: WithDefault<string>;
	/** JSON array of FieldConflict: texts that lost to a concurrent edit, kept until a user resolves them. */
	conflicts: WithDefault<string>;
	/** The coordinator's review (migration 004, domain ConsultationReview); all null until set by the server. */
	approvedBy: WithDefault<string | null>;
	approvedAt: WithDefault<string | null>;
	flagComment: WithDefault<string | null>;
	flaggedBy: WithDefault<string | null>;
	flaggedAt: WithDefault<string | null>;
	/** Set when a change reached a month closed for the centre; cleared on approval. */
	lateSince: WithDefault<string | null>;
	/** JSON of CountedFacts: how the record counted before its first late change; null when it did not count. */
	lateBaseline: WithDefault<string | null>;
	/** The sequence of the change that gave the signature (migration 007); null while unsigned, or not known. */
	signedSeq: WithDefault<number | null>;
}

export interface BookingsTable {
	id: string;
	organisationId: string;
	centreId: string;
	advisorId: string | null;
	topic: string;
	format: BookingFormat;
	startsAt: string | null;
	endsAt: string | null;
	status: BookingStatus;
	note: WithDefault<string>;
	createdBy: string;
	version: WithDefault<number>;
	createdAt: string;
	updatedAt: string;
	/** Migration 005 (booking, issue 6). Where it happens: centre address, organisation's address, 'online'. */
	place: WithDefault<string>;
	/** JSON array of 'YYYY-MM-DD' the organisation prefers (requests without a slot). */
	preferredDays: WithDefault<string>;
	lengthMin: WithDefault<number | null>;
	/** Travel buffer the claims cover before and after (premises visits). */
	bufferMin: WithDefault<number>;
	reason: WithDefault<string | null>;
	consultationId: WithDefault<string | null>;
	cancelledBy: WithDefault<'ngo' | 'centre' | null>;
	/** The device's idempotency key (unique). */
	clientId: WithDefault<string | null>;
	previousStartsAt: WithDefault<string | null>;
	statusChangedAt: string;
}

/** One 15-minute cell of an advisor's time held by a booking; PRIMARY KEY (advisor_id, cell_start). */
export interface BookingClaimsTable {
	advisorId: string;
	/** ISO instant of the cell's start. */
	cellStart: string;
	bookingId: string;
}

export interface AvailabilityWindowsTable {
	id: string;
	advisorId: string;
	centreId: string;
	/** ISO weekday 1–7. */
	weekday: number;
	startTime: string;
	endTime: string;
	validFrom: string;
	validTo: string | null;
	/** JSON arrays. */
	formats: string;
	slotLengths: string;
	bufferMin: number;
	createdAt: string;
	updatedBy: string | null;
}

export interface AvailabilityExceptionsTable {
	id: string;
	advisorId: string;
	date: string;
	kind: 'leave' | 'extra';
	centreId: string | null;
	startTime: string | null;
	endTime: string | null;
	formats: WithDefault<string>;
	slotLengths: WithDefault<string>;
	bufferMin: WithDefault<number>;
	note: WithDefault<string>;
	createdAt: string;
	createdBy: string | null;
}

export interface CentreBookingSettingsTable {
	centreId: string;
	/** JSON array of BookingFormat. */
	formats: string;
	updatedAt: string;
	updatedBy: string | null;
}

export interface CalendarTokensTable {
	id: string;
	advisorId: string;
	/** Hex SHA-256 of the secret. */
	tokenHash: string;
	createdAt: string;
	revokedAt: string | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	actorId: string | null;
	entity: string;
	entityId: string;
	action: string;
	/** JSON text. */
	before: string | null;
	/** JSON text. */
	after: string | null;
	reason: string | null;
}

export interface ConsultationAmendmentsTable extends SyncColumns {
	id: string;
	consultationId: string;
	authorId: string;
	reason: string;
	/** JSON: field → { before, after }. */
	changes: string;
	createdAt: string;
}

export type QuotaKind = 'mobile';

export interface QuotasTable {
	id: string;
	/** `YYYY-MM`, or null for the standing target of every month. */
	month: string | null;
	centreId: string | null;
	advisorId: string | null;
	kind: QuotaKind;
	targetMin: number;
	updatedAt: string;
	updatedBy: string | null;
	/** 1 when closing the month wrote this row out from a standing target or a share (migration 008); reopening
	 * the month removes it. */
	keptAtClose: Generated<0 | 1>;
}

/** The project period (migration 004): one row, id 'current'. Months are 'YYYY-MM', both inclusive. */
export interface ProjectPeriodsTable {
	id: string;
	name: string;
	startMonth: string;
	endMonth: string;
	updatedAt: string;
	updatedBy: string | null;
}

/** A month closed for a centre (migration 004); reopening deletes the row, the audit log keeps the history. */
export interface MonthClosuresTable {
	centreId: string;
	/** `YYYY-MM`. */
	month: string;
	closedAt: string;
	closedBy: string | null;
}

export interface EmailOutboxTable {
	id: Generated<number>;
	to: string;
	subject: string;
	body: string;
	createdAt: string;
	sentAt: string | null;
}

export interface SyncCounterTable {
	id: number;
	seq: number;
}

export interface SyncOpsTable {
	opId: string;
	userId: string;
	deviceId: string;
	entity: string;
	entityId: string;
	op: string;
	status: 'applied' | 'merged' | 'refused';
	code: string | null;
	seq: number | null;
	receipt: string | null;
	/** JSON of StoredOutcome (server/sync/push.ts). */
	outcome: string;
	via: string;
	receivedAt: string;
}

export interface DB {
	centres: CentresTable;
	users: UsersTable;
	memberships: MembershipsTable;
	sessions: SessionsTable;
	loginAttempts: LoginAttemptsTable;
	knownDevices: KnownDevicesTable;
	organisations: OrganisationsTable;
	consultations: ConsultationsTable;
	bookings: BookingsTable;
	auditLog: AuditLogTable;
	emailOutbox: EmailOutboxTable;
	consultationAmendments: ConsultationAmendmentsTable;
	quotas: QuotasTable;
	syncCounter: SyncCounterTable;
	syncOps: SyncOpsTable;
	bookingClaims: BookingClaimsTable;
	availabilityWindows: AvailabilityWindowsTable;
	availabilityExceptions: AvailabilityExceptionsTable;
	centreBookingSettings: CentreBookingSettingsTable;
	calendarTokens: CalendarTokensTable;
	projectPeriods: ProjectPeriodsTable;
	monthClosures: MonthClosuresTable;
}

export type Centre = Selectable<CentresTable>;
export type NewCentre = Insertable<CentresTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type NewMembership = Insertable<MembershipsTable>;
export type Session = Selectable<SessionsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type Consultation = Selectable<ConsultationsTable>;
export type NewConsultation = Insertable<ConsultationsTable>;
export type Booking = Selectable<BookingsTable>;
export type NewBooking = Insertable<BookingsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
