/**
 * Demo history for `npm start` (DEMO_HISTORY=1, its default there; tests and benchmarks start without it): visits
 * of the two demo advisors over last month and this month up to yesterday, so the first screens someone trying
 * the app opens — the advisor's month and history, the coordinator's dashboard, review and statements — show
 * figures instead of zeros. Written through the paths real work takes: each advisor's device push
 * (`pushOperations`) and the coordinator's approval, so sequence numbers, receipts and the audit log are what use
 * would leave. The same day gives the same visits.
 *
 * The story: Damian (Słupsk, 24 h of mobile advisory a month) met last month's target, and his records are
 * signed and approved; this month he is a little behind, his last week's cards still await signatures. Dorota
 * (Lębork, 12 h) signs every card; her centre has no demo coordinator, so hers wait for approval.
 */
import type { Kysely } from 'kysely';
import { addMonths, endTimeFor, monthOf, warsawInstant, warsawToday } from '$lib/domain/hours';
import { workingDaysOfMonth } from '$lib/domain/calendar';
import type { PlaceKind } from '$lib/domain/consultation';
import type { TopicId } from '$lib/domain/topics';
import { PUSH_MAX_OPS, type PushOperation } from '$lib/domain/sync';
import { newId } from '$lib/domain/ids';
import { findUserRow, loadIdentity } from '../identity';
import { approveConsultations } from '../review';
import { pushOperations } from '../sync/push';
import type { DB } from './schema';
import {
	DEMO_CENTRE_IDS,
	DEMO_CENTRES,
	DEMO_ORGANISATIONS,
	DEMO_USER_IDS,
	demoMonthlyTargetMin
} from './demo-data';
import signatureImage from './demo-signature.png?inline';

/** What was said and done at a visit; taken in turn. */
const VISITS: readonly { topics: TopicId[]; notes: string; followUps: string }[] = [
	{
		topics: ['accounting', 'model-2-1'],
		notes: 'Sprawozdanie finansowe za poprzedni rok: bilans, rachunek wyników, informacja dodatkowa.',
		followUps: 'Przesłać wzór informacji dodatkowej.'
	},
	{
		topics: ['applications', 'fundraising'],
		notes: 'Wniosek do konkursu gminy: budżet, harmonogram, rezultaty. Omówiono wkład własny osobowy.',
		followUps: ''
	},
	{
		topics: ['model-1-4'],
		notes: 'Konsultacje projektu uchwały o współpracy z organizacjami: uwagi do trybu i terminów.',
		followUps: 'Uwagi do projektu wysłać do urzędu do końca tygodnia.'
	},
	{
		topics: ['volunteering', 'model-3-1'],
		notes: 'Porozumienia z wolontariuszami, ubezpieczenie NNW, zaświadczenia o wolontariacie.',
		followUps: ''
	},
	{
		topics: ['formalities', 'opp'],
		notes: 'Zmiana składu zarządu w KRS i warunki uzyskania statusu organizacji pożytku publicznego.',
		followUps: 'Sprawdzić statut pod kątem wymogów ustawy o pożytku.'
	},
	{
		topics: ['employment'],
		notes: 'Umowa zlecenia a umowa o dzieło przy projekcie; składki i PIT.',
		followUps: ''
	},
	{
		topics: ['promotion', 'partnerships'],
		notes: 'Plan promocji wydarzenia i porozumienie partnerskie z sołectwem.',
		followUps: ''
	},
	{
		topics: ['management', 'model-3-1'],
		notes: 'Podział zadań w zarządzie, kalendarz obowiązków sprawozdawczych na rok.',
		followUps: 'Kalendarz obowiązków do uzupełnienia przez skarbnika.'
	}
];

const PEOPLE: readonly { name: string; role: string }[] = [
	{ name: 'Maria Kowalska', role: 'prezeska zarządu' },
	{ name: 'Jan Wiśniewski', role: 'skarbnik' },
	{ name: 'Ewa Zielińska', role: 'koordynatorka projektu' },
	{ name: 'Piotr Lewandowski', role: 'członek zarządu' },
	{ name: 'Anna Wójcik', role: 'księgowa' }
];

const STARTS = ['09:00', '10:30', '12:00', '09:30', '11:00'];

interface AdvisorPlan {
	userId: string;
	centreId: string;
	/** Every how many working days a visit. */
	every: number;
	/** Every how many visits one is held at the centre (an hour) instead of on the organisation's premises. */
	atCentreEvery: number;
	/** Cards of this month's last this many visits are completed, awaiting the representative's signature. */
	unsigned: number;
}

const PLANS: readonly AdvisorPlan[] = [
	{
		userId: DEMO_USER_IDS.advisor,
		centreId: DEMO_CENTRE_IDS.slupsk,
		every: 2,
		atCentreEvery: 5,
		unsigned: 3
	},
	{
		userId: DEMO_USER_IDS.advisor2,
		centreId: DEMO_CENTRE_IDS.lebork,
		every: 3,
		atCentreEvery: 4,
		unsigned: 0
	}
];

/** Mobile minutes done against the centre's monthly target: last month a little over it, this month behind pace. */
const LAST_MONTH_SHARE = 1.1;
const THIS_MONTH_PACE = 0.85;
const AT_CENTRE_MIN = 60;

/**
 * Minutes of `count` mobile visits adding up to about `total` (whole quarter-hours, an hour to four each),
 * varied around the mean so the cards do not all look alike.
 */
function spread(count: number, total: number): number[] {
	const mean = Math.round(total / count / 15) * 15;
	const shape = [0, 30, -30, 15, -15];
	return Array.from({ length: count }, (_, i) =>
		Math.min(240, Math.max(60, mean + (i < count - 1 ? shape[i % shape.length]! : 0)))
	);
}

/** A fixed device id for the demo pushes (one per advisor would only matter for merging, and nothing merges). */
const DEMO_DEVICE_ID = '0190a000-0000-7000-8000-000000000901';

/** The working days from the first of last month to yesterday (Warsaw). */
function pastWorkingDays(today: string): string[] {
	const month = monthOf(today);
	return [...workingDaysOfMonth(addMonths(month, -1)), ...workingDaysOfMonth(month)].filter(
		(date) => date < today
	);
}

/** One advisor's visits as device records: in date order, statuses as the story above says. */
function visitsOf(plan: AdvisorPlan, today: string): Record<string, unknown>[] {
	const centre = DEMO_CENTRES.find((c) => c.id === plan.centreId)!;
	const organisations = DEMO_ORGANISATIONS.filter((o) => o.centreId === plan.centreId);
	const thisMonth = monthOf(today);
	const target = demoMonthlyTargetMin(plan.centreId);
	const days = pastWorkingDays(today).filter((_, i) => i % plan.every === 0);
	const atCentre = (i: number) => i % plan.atCentreEvery === plan.atCentreEvery - 1;
	// Each month's mobile minutes: spread over its mobile visits.
	const minutes = new Map<string, number[]>();
	for (const month of new Set(days.map(monthOf))) {
		const mobile = days.filter((d, i) => monthOf(d) === month && !atCentre(i)).length;
		const elapsed = workingDaysOfMonth(month).filter((d) => d < today).length;
		const total =
			month === thisMonth
				? (target * THIS_MONTH_PACE * elapsed) / workingDaysOfMonth(month).length
				: target * LAST_MONTH_SHARE;
		minutes.set(month, spread(mobile, total));
	}
	const unsignedFrom = days.filter((d) => monthOf(d) === thisMonth).length - plan.unsigned;
	let thisMonthIndex = 0;
	return days.map((date, i) => {
		const visit = VISITS[i % VISITS.length]!;
		const organisation = organisations[i % organisations.length]!;
		const placeKind: PlaceKind = atCentre(i) ? 'centre' : 'mobile';
		const durationMin = atCentre(i) ? AT_CENTRE_MIN : minutes.get(monthOf(date))!.shift()!;
		const startTime = STARTS[i % STARTS.length]!;
		const endTime = endTimeFor(date, startTime, durationMin)!;
		const participants = [PEOPLE[i % PEOPLE.length]!, PEOPLE[(i + 2) % PEOPLE.length]!].slice(0, 1 + (i % 2));
		const endedAt = warsawInstant(date, endTime)!.toISOString();
		const unsigned = monthOf(date) === thisMonth && thisMonthIndex++ >= unsignedFrom;
		return {
			id: newId(),
			advisorId: plan.userId,
			centreId: plan.centreId,
			organisationId: organisation.id,
			date,
			startTime,
			endTime,
			durationMin,
			placeKind,
			address: atCentre(i)
				? `${centre.street}, ${centre.town}`
				: `${organisation.street}, ${organisation.town}`,
			topics: visit.topics,
			notes: visit.notes,
			participants,
			participantCount: participants.length + (i % 3 === 0 ? 1 : 0),
			followUps: visit.followUps,
			status: unsigned ? 'completed' : 'signed',
			signature: unsigned
				? null
				: { image: signatureImage, signerName: participants[0]!.name, signedAt: endedAt },
			bookingId: null,
			createdAt: endedAt,
			updatedAt: endedAt
		};
	});
}

/**
 * Pushes the demo advisors' visits as their devices would, then approves last month's cards of the centre that
 * has a demo coordinator. Returns how many visits were written. Call once, right after `seedDemo` seeded an empty
 * database; throws if anything is refused (the demo must show what the rules accept).
 */
export async function seedDemoHistory(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
	const today = warsawToday(now);
	const lastMonth = addMonths(monthOf(today), -1);
	let written = 0;
	for (const plan of PLANS) {
		const identity = await identityOf(db, plan.userId);
		const records = visitsOf(plan, today);
		const ops: PushOperation[] = records.map((fields) => ({
			opId: newId(),
			entity: 'consultation',
			entityId: fields.id as string,
			op: 'create',
			fields,
			baseVersion: null
		}));
		for (let start = 0; start < ops.length; start += PUSH_MAX_OPS) {
			const results = await pushOperations(
				db,
				{ user: identity, deviceId: DEMO_DEVICE_ID, via: 'device', locale: 'pl', now: () => now },
				ops.slice(start, start + PUSH_MAX_OPS)
			);
			const refused = results.find((result) => result.status !== 'applied');
			if (refused) throw new Error(`demo history: a visit was not applied: ${JSON.stringify(refused)}`);
		}
		written += records.length;

		const coordinator = await db
			.selectFrom('memberships')
			.select('userId')
			.where('role', '=', 'coordinator')
			.where('centreId', '=', plan.centreId)
			.executeTakeFirst();
		if (!coordinator) continue;
		const approved = await approveConsultations(
			db,
			await identityOf(db, coordinator.userId),
			records.filter((r) => monthOf(r.date as string) === lastMonth).map((r) => r.id as string),
			{ locale: 'pl', now }
		);
		const failed = approved.results.find((result) => !result.ok);
		if (failed) throw new Error(`demo history: an approval failed: ${JSON.stringify(failed)}`);
	}
	return written;
}

async function identityOf(db: Kysely<DB>, userId: string) {
	const user = await findUserRow(db, userId);
	const identity = user && (await loadIdentity(db, user));
	if (!identity) throw new Error(`demo history: no identity for user ${userId}`);
	return identity;
}
