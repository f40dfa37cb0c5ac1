/**
 * What an advisor does on a device, through the same repository functions the screens call: new drafts, edits
 * (free text always grows by a unique token, so a lost word can be found later), completing, signing, amending
 * with a reason, deleting drafts, adding an organisation met on the spot, and settling kept conflicts.
 *
 * Every step takes the same number of random draws whatever happens, so the seed fixes the sequence of choices;
 * which record a choice lands on depends on what the device holds at that moment (network timing).
 */
import type { ConsultationForm } from '$lib/domain/consultation';
import { validateForCompletion } from '$lib/domain/consultation-rules';
import { durationBetween, formatTime } from '$lib/domain/hours';
import { validate, OrganisationInput } from '$lib/domain/schemas';
import { TOPIC_IDS } from '$lib/domain/topics';
import type { MergeTextField } from '$lib/domain/sync';
import { DEMO_CENTRE_IDS } from '$lib/server/db/demo-data';
import {
	amendConsultation,
	completeConsultation,
	ConsultationNotFoundError,
	deleteDraft,
	InvalidAmendmentError,
	LockedRecordError,
	resolveConflict,
	saveDraft,
	signConsultation,
	StatusTransitionError
} from '$lib/client/db/consultations';
import { localWrite, type LocalConsultation } from '$lib/client/db/local-db';
import { createLocalOrganisation } from '$lib/client/db/organisations';
import { isSent, sentThrough } from '$lib/client/db/outbox';
import { SIGNATURE_PNG } from '../../tests/integration/helpers/factories';
import { brief, type SimDevice } from './devices';

export const OP_KINDS = [
	'create',
	'edit',
	'complete',
	'sign',
	'amend',
	'delete',
	'organisation',
	'resolve'
] as const;
export type OpKind = (typeof OP_KINDS)[number];

const WEIGHTS: Record<OpKind, number> = {
	create: 14,
	edit: 34,
	complete: 10,
	sign: 8,
	amend: 7,
	delete: 5,
	organisation: 4,
	resolve: 8
};

/** The fixed draws of one step. */
export interface Draws {
	kind: number;
	target: number;
	a: number;
	b: number;
	c: number;
}

export function drawStep(random: () => number): Draws {
	return { kind: random(), target: random(), a: random(), b: random(), c: random() };
}

export function kindOf(r: number): OpKind {
	const total = OP_KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
	let x = r * total;
	for (const kind of OP_KINDS) {
		x -= WEIGHTS[kind];
		if (x < 0) return kind;
	}
	return 'edit';
}

const TOKEN = /\[[a-z0-9.]+\]/g;

/** The tokens in a text, in order. */
export function tokensIn(text: unknown): string[] {
	return typeof text === 'string' ? (text.match(TOKEN) ?? []) : [];
}

/** The free-text fields where tokens are typed (address is free text too, but replaced, not appended to). */
type TokenField = 'notes' | 'followUps';

/** Where each token was typed: the checks look for every one of them at the end. */
export interface TypedToken {
	token: string;
	recordId: string;
	field: TokenField;
	device: string;
}

export interface ActionLog {
	tokens: TypedToken[];
	/** What was done, by kind (a step whose target was missing falls back to a new draft). */
	done: Record<string, number>;
	/** Steps the app refused locally (the record changed under the user: signed or deleted meanwhile). */
	blocked: number;
	/** `device:recordId` of drafts a device deleted: their unsent edits went with them, on purpose. */
	deleted: Set<string>;
}

export function newActionLog(): ActionLog {
	return { tokens: [], done: {}, blocked: 0, deleted: new Set() };
}

const PLACES = {
	[DEMO_CENTRE_IDS.slupsk]: {
		town: 'Słupsk',
		postalCode: '76-200',
		gminaTerc: '2263011',
		powiatTerc: '2263'
	},
	[DEMO_CENTRE_IDS.lebork]: { town: 'Lębork', postalCode: '84-300', gminaTerc: '2208011', powiatTerc: '2208' }
} as Record<string, { town: string; postalCode: string; gminaTerc: string; powiatTerc: string }>;

const pickFrom = <T>(r: number, items: readonly T[]): T | undefined => items[Math.floor(r * items.length)];

function dateFrom(r: number): string {
	return `2026-10-${String(1 + Math.floor(r * 28)).padStart(2, '0')}`;
}

/** A start, end and the minutes between them, always consistent (a completed card must add up). */
function timingFrom(date: string, r: number) {
	const start = 8 * 60 + Math.floor(r * 28) * 15;
	const length = 30 + Math.floor(((r * 97) % 1) * 10) * 15;
	const startTime = formatTime(start);
	const endTime = formatTime(start + length);
	return { startTime, endTime, durationMin: durationBetween(date, startTime, endTime) ?? length };
}

function append(text: string, token: string): string {
	return text ? `${text} ${token}` : token;
}

export class Actor {
	private tokenCounter = 0;
	/** The record the current step worked on, for the trace. */
	private touched: string | null = null;

	constructor(
		readonly device: SimDevice,
		private readonly log: ActionLog
	) {}

	private token(recordId: string, field: TokenField): string {
		this.touched = recordId;
		this.tokenCounter += 1;
		const token = `[${this.device.name}.${this.tokenCounter}]`;
		this.log.tokens.push({ token, recordId, field, device: this.device.name });
		return token;
	}

	private async records(filter: (record: LocalConsultation) => boolean): Promise<LocalConsultation[]> {
		const rows = await this.device.db.consultations.toArray();
		return rows.filter((row) => row.advisorId === this.device.account.userId && filter(row)).sort(byId);
	}

	/**
	 * A target record: more often one of the few touched last (people keep working on today's visits), which is
	 * also where two devices of one advisor collide.
	 */
	private async target(d: Draws, filter: (record: LocalConsultation) => boolean) {
		const rows = await this.records(filter);
		if (d.c < 0.6) {
			const hot = [...rows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || byId(a, b)).slice(0, 3);
			return pickFrom(d.target, hot);
		}
		return pickFrom(d.target, rows);
	}

	/** Organisations this advisor may put on a card: active ones and the pending ones of their centre. */
	private async organisations(): Promise<string[]> {
		const rows = await this.device.db.organisations.toArray();
		return rows
			.filter((row) => row.status === 'active' || row.centreId === this.device.account.centreId)
			.map((row) => row.id)
			.sort();
	}

	/** Performs one step; returns what it did. Local refusals (locked, gone) are what a person would meet too. */
	async step(d: Draws): Promise<string> {
		const kind = kindOf(d.kind);
		let done: string;
		try {
			this.touched = null;
			done = await this.perform(kind, d);
			if (this.touched) {
				const after = await this.device.db.consultations.get(this.touched);
				const entries = await this.device.db.outbox
					.where('[entity+entityId]')
					.equals(['consultation', this.touched])
					.toArray();
				const through = await sentThrough(this.device.db);
				this.device.ledger.trace(
					this.device.name,
					this.touched,
					`local ${done}: ${after ? `v${after.version} ${brief(after)}` : 'gone'}; outbox ${entries.map((e) => `${e.opId.slice(-6)}:${e.op}@${e.baseVersion ?? '-'}${isSent(e, through) ? '(sent)' : ''}`).join(' ')}`
				);
			}
		} catch (error) {
			if (
				error instanceof LockedRecordError ||
				error instanceof StatusTransitionError ||
				error instanceof ConsultationNotFoundError ||
				error instanceof InvalidAmendmentError
			) {
				this.log.blocked += 1;
				return `${kind}:blocked(${error.name})`;
			}
			throw error;
		}
		this.log.done[done] = (this.log.done[done] ?? 0) + 1;
		return done;
	}

	private async perform(kind: OpKind, d: Draws): Promise<string> {
		const { db, ctx } = this.device;
		switch (kind) {
			case 'edit': {
				const target = await this.target(d, (r) => r.status === 'draft' || r.status === 'completed');
				if (!target) return this.create(d);
				return this.edit(target, d);
			}
			case 'complete': {
				const target = await this.target(d, (r) => r.status === 'draft');
				if (!target) return this.create(d);
				this.touched = target.id;
				const form = await this.completeForm(target, d);
				// A background pull may apply another device's deletion of this draft at any moment. The form holds
				// only what the draft lacked, so saving it over a vanished draft would create a partial one: the
				// check and the save share one transaction, which a pull cannot enter.
				const current = await localWrite(db, [db.consultations, db.monthIndex], async () => {
					if (!(await db.consultations.get(target.id))) throw new ConsultationNotFoundError(target.id);
					return saveDraft(db, ctx, target.id, form);
				});
				const check = validateForCompletion(current, { now: ctx.now(), others: [], id: current.id });
				if (Object.keys(check.fieldErrors).length > 0) {
					throw new Error(`sim bug: completed form invalid: ${JSON.stringify(check.fieldErrors)}`);
				}
				await completeConsultation(db, ctx, target.id);
				return 'complete';
			}
			case 'sign': {
				const target = await this.target(d, (r) => r.status === 'completed');
				if (!target) return this.create(d);
				this.touched = target.id;
				await signConsultation(db, ctx, target.id, {
					image: SIGNATURE_PNG,
					signerName: 'Maria Prezes',
					signedAt: ctx.now().toISOString()
				});
				return 'sign';
			}
			case 'amend': {
				const target = await this.target(d, (r) => r.status === 'signed');
				if (!target) return this.create(d);
				const field: TokenField | 'participantCount' =
					d.a < 0.5 ? 'notes' : d.a < 0.8 ? 'followUps' : 'participantCount';
				const changes: Partial<ConsultationForm> =
					field === 'participantCount'
						? { participantCount: target.participantCount + 1 }
						: { [field]: append(target[field], this.token(target.id, field)) };
				await amendConsultation(db, ctx, target.id, changes, 'Korekta po rozmowie z organizacją');
				return `amend:${field}`;
			}
			case 'delete': {
				const target = await this.target(d, (r) => r.status === 'draft');
				if (!target) return this.create(d);
				this.touched = target.id;
				await deleteDraft(db, ctx, target.id);
				this.log.deleted.add(`${this.device.name}:${target.id}`);
				return 'delete';
			}
			case 'organisation':
				return this.addOrganisation();
			case 'resolve': {
				const target = await this.target(
					d,
					(r) => r.conflicts.length > 0 && (r.status === 'draft' || r.status === 'completed')
				);
				if (!target) {
					const other = pickFrom(
						d.b,
						await this.records((r) => r.status === 'draft' || r.status === 'completed')
					);
					return other ? this.edit(other, d) : this.create(d);
				}
				return this.resolve(target);
			}
			case 'create':
				return this.create(d);
		}
	}

	private async create(d: Draws): Promise<string> {
		const { db, ctx } = this.device;
		const id = ctx.newId();
		const organisations = await this.organisations();
		const date = dateFrom(d.b);
		const form: Partial<ConsultationForm> = {
			organisationId: d.a < 0.7 ? (pickFrom(d.c, organisations) ?? null) : null,
			date,
			...(d.c < 0.5 ? timingFrom(date, d.a) : {}),
			placeKind: 'mobile',
			address: `ul. Symulacyjna ${1 + Math.floor(d.b * 90)}`,
			topics: [pickFrom(d.c, TOPIC_IDS) ?? TOPIC_IDS[0]!],
			notes: `Wizyta ${this.token(id, 'notes')}`,
			participantCount: 1 + Math.floor(d.a * 5)
		};
		await saveDraft(db, ctx, id, form);
		return 'create';
	}

	private async edit(target: LocalConsultation, d: Draws): Promise<string> {
		const { db, ctx } = this.device;
		// The form shows the "two versions" banner first; half the time the user settles it before typing on.
		if (target.conflicts.length > 0 && d.b < 0.5) return this.resolve(target);
		this.touched = target.id;
		let patch: Partial<ConsultationForm>;
		let what: string;
		if (d.a < 0.35) {
			patch = { notes: append(target.notes, this.token(target.id, 'notes')) };
			what = 'notes';
		} else if (d.a < 0.6) {
			patch = { followUps: append(target.followUps, this.token(target.id, 'followUps')) };
			what = 'followUps';
		} else if (d.a < 0.7) {
			patch = { participantCount: 1 + Math.floor(d.b * 12) };
			what = 'participantCount';
		} else if (d.a < 0.8) {
			patch = { address: `ul. Zmieniona ${1 + Math.floor(d.b * 90)}` };
			what = 'address';
		} else if (d.a < 0.9) {
			patch = { topics: [pickFrom(d.b, TOPIC_IDS) ?? TOPIC_IDS[0]!] };
			what = 'topics';
		} else if (d.c < 0.5) {
			patch = timingFrom(target.date, d.b);
			what = 'timing';
		} else {
			// The visit was logged under the wrong day: it moves to another one (and another row of the month index).
			const date = dateFrom((d.c - 0.5) * 2);
			patch = { date, ...timingFrom(date, d.b) };
			what = 'date';
		}
		await saveDraft(db, ctx, target.id, patch);
		return `edit:${what}`;
	}

	/** Fills what a complete card needs, as the advisor would before pressing "complete". */
	private async completeForm(target: LocalConsultation, d: Draws): Promise<Partial<ConsultationForm>> {
		const form: Partial<ConsultationForm> = {};
		if (!target.organisationId) {
			const organisation = pickFrom(d.a, await this.organisations());
			if (!organisation) throw new Error('sim bug: no organisation on the device');
			form.organisationId = organisation;
		}
		const timing = durationBetween(target.date, target.startTime, target.endTime);
		if (timing === null || timing <= 0 || timing !== target.durationMin) {
			Object.assign(form, timingFrom(target.date, d.b));
		}
		if (target.topics.length === 0) form.topics = [TOPIC_IDS[0]!];
		if (!target.address.trim()) form.address = 'ul. Symulacyjna 1';
		if (target.participantCount < 1) form.participantCount = 1;
		return form;
	}

	private async addOrganisation(): Promise<string> {
		const place = PLACES[this.device.account.centreId] ?? PLACES[DEMO_CENTRE_IDS.slupsk]!;
		this.tokenCounter += 1;
		const input = validate(OrganisationInput, {
			name: `Koło Gospodyń Wiejskich ${this.device.name}.${this.tokenCounter}`,
			kind: 'ngo',
			legalForm: 'kgw',
			krs: null,
			nip: null,
			regon: null,
			street: 'ul. Polna 1',
			email: null,
			phone: null,
			website: null,
			...place
		});
		if (!input.ok) throw new Error(`sim bug: organisation invalid: ${JSON.stringify(input.fieldErrors)}`);
		await createLocalOrganisation(this.device.db, this.device.ctx, input.value);
		return 'organisation';
	}

	/**
	 * Settles the first conflicted field as a careful person would: free text is combined (every word of every
	 * version kept), an address is chosen (the current one).
	 */
	async resolve(target: LocalConsultation): Promise<string> {
		this.touched = target.id;
		const field = [...target.conflicts].map((c) => c.field).sort()[0] as MergeTextField;
		let value = target[field];
		if (field !== 'address') {
			for (const conflict of target.conflicts.filter((c) => c.field === field)) {
				for (const token of tokensIn(conflict.value))
					if (!value.includes(token)) value = append(value, token);
			}
		}
		await resolveConflict(this.device.db, this.device.ctx, target.id, field, value);
		return `resolve:${field}`;
	}

	/** At the end: every conflict this device can settle (drafts and completed records), one after another. */
	async resolveAll(): Promise<number> {
		let count = 0;
		for (;;) {
			const open = await this.records(
				(r) => r.conflicts.length > 0 && (r.status === 'draft' || r.status === 'completed')
			);
			const target = open[0];
			if (!target || count > 1000) return count;
			await this.resolve(target);
			this.log.done['resolve:final'] = (this.log.done['resolve:final'] ?? 0) + 1;
			count += 1;
		}
	}
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
