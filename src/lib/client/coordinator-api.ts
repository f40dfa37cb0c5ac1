/**
 * The shapes the coordinator's screens read from the server's issue-5 API (docs/coordinator-api.md), and the
 * paths. The server owns these answers; the screens only show them.
 */
import type { CountedFacts } from '$lib/domain/consultation';
import type { QuotaSource } from '$lib/domain/coordination';

/** One record the month's status lists (unapproved, late, drafts). */
export interface MonthStatusRecord {
	id: string;
	date: string;
	advisorName: string | null;
	organisationName: string | null;
	durationMin: number;
	status: string;
	/** An open question to the advisor (review flag). */
	flagged: boolean;
}

/** GET /api/months/:month/status?centreId= */
export interface MonthStatus {
	month: string;
	centreId: string;
	closed: null | { closedAt: string; closedBy: string; closedByName: string };
	unapproved: MonthStatusRecord[];
	late: MonthStatusRecord[];
	drafts: MonthStatusRecord[];
	/** Approved, with a question to the advisor still open. */
	approvedFlagged: MonthStatusRecord[];
	lastSyncByAdvisor: { advisorId: string; name: string; lastChangeAt: string | null }[];
}

export function monthStatusPath(month: string, centreId: string): string {
	return `/api/months/${month}/status?centreId=${encodeURIComponent(centreId)}`;
}

/** GET /api/consultations/:id/audit — oldest first. */
export interface AuditEntry {
	at: string;
	actorId: string | null;
	actorName: string | null;
	action: string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
	reason: string | null;
}

export type { QuotaSource };

/** GET /api/quotas?month= */
export interface QuotaOverview {
	month: string;
	network: { targetMin: number | null; source: QuotaSource };
	centres: {
		centreId: string;
		name: string;
		/** The month is closed for this centre: its targets stay as reported until it is reopened. */
		closed: boolean;
		targetMin: number | null;
		source: QuotaSource;
		advisors: { advisorId: string; name: string; targetMin: number | null; source: QuotaSource }[];
	}[];
}

/** GET /api/project-period */
export interface ProjectPeriodAnswer {
	period: { name: string; startMonth: string; endMonth: string; months: string[] };
}

/** A late record's baseline and its current facts, as the card shows them side by side. */
export type LateFacts = CountedFacts;
