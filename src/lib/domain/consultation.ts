/**
 * The consultation ("karta doradztwa") as both sides see it. Pure types and constants, shared by browser and
 * server. Times are wall-clock Europe/Warsaw; durations are whole minutes (an advisory hour is 60 minutes).
 */

export const PLACE_KINDS = ['mobile', 'centre', 'remote'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** draft → completed → signed → approved (approval is the coordinator's, issue 5). */
export const CONSULTATION_STATUSES = ['draft', 'completed', 'signed', 'approved'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** Statuses whose hours are evidence: never edited in place, only amended. */
export const LOCKED_STATUSES: readonly ConsultationStatus[] = ['signed', 'approved'];

/**
 * The status an amendment leaves: a coordinator approved the values before it, not after, so an approved card
 * goes back to awaiting approval — 'signed' when it carries a signature, 'completed' when approved unsigned.
 * Device and server apply the same rule.
 */
export function statusAfterAmendment(status: ConsultationStatus, signed: boolean): ConsultationStatus {
	if (status !== 'approved') return status;
	return signed ? 'signed' : 'completed';
}

export interface Participant {
	name: string;
	/** Their function in the organisation: prezes, skarbnik, wolontariusz… */
	role: string;
}

export interface Signature {
	/** PNG data URL of the representative's drawn signature. */
	image: string;
	/** The printed name of the person who signed. */
	signerName: string;
	/** ISO instant, from the device clock at the moment of signing. */
	signedAt: string;
}

export interface Consultation {
	id: string;
	advisorId: string;
	centreId: string;
	/** Null only while a draft has no organisation chosen yet. */
	organisationId: string | null;
	/** Warsaw calendar date, YYYY-MM-DD. */
	date: string;
	/** Warsaw wall-clock time, HH:MM. */
	startTime: string;
	endTime: string;
	durationMin: number;
	placeKind: PlaceKind;
	address: string;
	/** Topic ids from the taxonomy (topics.ts). */
	topics: string[];
	notes: string;
	participants: Participant[];
	/** People present; at least the named participants, more when some were not named. */
	participantCount: number;
	followUps: string;
	status: ConsultationStatus;
	signature: Signature | null;
	bookingId: string | null;
	createdAt: string;
	updatedAt: string;
}

/**
 * A colleague's visit as an advisor's phone holds it (pulled, never pushed): who came, when, for how long, on
 * what, and the next steps agreed — so the next advisor at that organisation picks up the thread. Not the notes,
 * the participants or the signature: those are the record's personal data, kept to its advisor and the centre's
 * coordinators. Only finished visits (no drafts).
 */
export type ColleagueVisit = Pick<
	Consultation,
	| 'id'
	| 'advisorId'
	| 'centreId'
	| 'date'
	| 'startTime'
	| 'endTime'
	| 'durationMin'
	| 'placeKind'
	| 'topics'
	| 'followUps'
	| 'status'
> & {
	organisationId: string;
	/** The advisor's name when the visit last changed. */
	advisorName: string;
};

/** The facts a month's hours are made of: what every sum, dashboard and export counts. */
export type CountedFacts = Pick<
	Consultation,
	'date' | 'durationMin' | 'placeKind' | 'topics' | 'status' | 'organisationId'
>;

/**
 * What a late record's month counts until the change is approved: its counted facts before the first late change,
 * with the times they had (for the statement's rows; baselines stored before the times were kept have none).
 */
export type LateBaseline = CountedFacts & { startTime?: string; endTime?: string };

/**
 * The coordinator's side of a consultation (issue 5). Set only by the server and carried to devices by sync; a
 * device never sends it. A record created on a device has none until the server answers.
 */
export interface ConsultationReview {
	/**
	 * A change that reached a month already closed for its centre: stored, shown as "late — awaiting approval",
	 * and counted only once a coordinator approves it. Until then the month keeps counting `baseline` — the record
	 * as it counted before the first late change (null: it did not count, e.g. a consultation created late).
	 */
	late: { since: string; baseline: LateBaseline | null } | null;
	/** A coordinator's question or remark, cleared when the record is approved or the flag is removed. */
	flag: { comment: string; by: string; at: string } | null;
	approvedBy: string | null;
	approvedAt: string | null;
}

export const NO_REVIEW: ConsultationReview = { late: null, flag: null, approvedBy: null, approvedAt: null };

/** The fields an advisor fills in; everything else is set by the app. */
export const CONSULTATION_FORM_FIELDS = [
	'organisationId',
	'date',
	'startTime',
	'endTime',
	'durationMin',
	'placeKind',
	'address',
	'topics',
	'notes',
	'participants',
	'participantCount',
	'followUps'
] as const satisfies readonly (keyof Consultation)[];
export type ConsultationFormField = (typeof CONSULTATION_FORM_FIELDS)[number];
export type ConsultationForm = Pick<Consultation, ConsultationFormField>;

/** The form fields `values` holds (a stored record, a refused change, a kept copy), and nothing else. */
export function pickFormFields(values: Record<string, unknown>): Partial<ConsultationForm> {
	const picked: Record<string, unknown> = {};
	for (const field of CONSULTATION_FORM_FIELDS) if (field in values) picked[field] = values[field];
	return picked as Partial<ConsultationForm>;
}

/** A correction of a signed consultation: what changed, from what, and why. The signed original stays visible. */
export interface Amendment {
	id: string;
	consultationId: string;
	authorId: string;
	reason: string;
	changes: Partial<Record<ConsultationFormField, { before: unknown; after: unknown }>>;
	createdAt: string;
}

/**
 * A completed card the advisor still has to get signed on the phone. A remote session has nobody in front of the
 * screen to sign it: once completed it waits for the coordinator alone, so it is not the advisor's unfinished work.
 */
export function awaitsSignature(c: Pick<Consultation, 'status' | 'placeKind'>): boolean {
	return c.status === 'completed' && c.placeKind !== 'remote';
}

/**
 * Whether the representative can still sign the card on the phone: a completed one, or one a coordinator approved
 * before it was signed (the server keeps the approval and adds the signature).
 */
export function canBeSigned(c: Pick<Consultation, 'status' | 'signature'>): boolean {
	return c.signature === null && (c.status === 'completed' || c.status === 'approved');
}

type AgreementSource = Pick<Consultation, 'id' | 'date' | 'startTime' | 'status' | 'followUps'>;

/**
 * What was agreed with an organisation last time: of its visits `history`, the latest finished one (not a draft)
 * with follow-ups written down, held no later than the day of `visit` when one is being logged (its own card left
 * out; a visit logged afterwards for an earlier day does not show what came later). By day, not time: a card's
 * start time is a guess until the advisor sets it. Shown where the advisor starts the next visit, so a promise made
 * months ago is picked up; the date says how old it is.
 */
export function previousAgreement<C extends AgreementSource>(
	history: readonly C[],
	visit?: Pick<Consultation, 'id' | 'date'>
): C | undefined {
	const at = (c: Pick<Consultation, 'date' | 'startTime'>) => `${c.date}T${c.startTime}`;
	let latest: C | undefined;
	for (const c of history) {
		if (c.status === 'draft' || c.followUps.trim() === '') continue;
		if (visit && (c.id === visit.id || c.date > visit.date)) continue;
		if (!latest || at(c) > at(latest)) latest = c;
	}
	return latest;
}
