/**
 * Self-registration of an NGO: the organisation and its representative wait as `pending` until a coordinator of
 * the chosen COP (or an admin) approves them; only then can the representative sign in.
 */
import { nextSeq } from './sync/sequence';
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { RegistrationInput } from '$lib/domain/schemas';
import { newId } from '$lib/domain/ids';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { hashPassword } from './auth/password';
import { ApiError, forbidden, notFound } from './http/api-error';
import { canReviewRegistration } from './organisations';
import {
	duplicateWhy,
	findLikelyDuplicates,
	type RegistrationDuplicate
} from '$lib/domain/organisation-duplicates';
import { polishOrder } from '$lib/domain/collation';
import type { Locale } from '$lib/i18n/translate';

/** `locale`: the language the representative registered in, the account's until they choose another. */
export async function registerOrganisation(db: Kysely<DB>, input: RegistrationInput, locale: Locale) {
	const passwordHash = await hashPassword(input.representative.password);
	const now = new Date().toISOString();
	const organisationId = newId();
	const userId = newId();
	await withTransaction(db, async (trx) => {
		const centre = await trx
			.selectFrom('centres')
			.select('id')
			.where('id', '=', input.centreId)
			.where('active', '=', 1)
			.executeTakeFirst();
		if (!centre)
			throw new ApiError(400, 'invalid', 'api.invalid', {}, { centreId: 'registration.centreUnknown' });
		const email = input.representative.email;
		if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
			throw new ApiError(
				409,
				'email_taken',
				'api.invalid',
				{},
				{ 'representative.email': 'users.emailTaken' }
			);
		}
		const { nip, krs } = input.organisation;
		const duplicate =
			nip || krs
				? await trx
						.selectFrom('organisations')
						.select(['id', 'nip', 'krs'])
						.where((eb) =>
							eb.or([...(nip ? [eb('nip', '=', nip)] : []), ...(krs ? [eb('krs', '=', krs)] : [])])
						)
						.executeTakeFirst()
				: undefined;
		if (duplicate) {
			const field = nip && duplicate.nip === nip ? 'organisation.nip' : 'organisation.krs';
			throw new ApiError(
				409,
				'organisation_exists',
				'registration.organisationExists',
				{},
				{
					[field]: 'registration.identifierRegistered'
				}
			);
		}
		await trx
			.insertInto('organisations')
			.values({
				id: organisationId,
				...input.organisation,
				centreId: input.centreId,
				status: 'pending',
				createdAt: now,
				updatedAt: now,
				seq: await nextSeq(trx)
			})
			.execute();
		await trx
			.insertInto('users')
			.values({
				id: userId,
				email,
				name: input.representative.name,
				passwordHash,
				status: 'pending',
				mustChangePassword: 0,
				locale,
				createdAt: now,
				updatedAt: now
			})
			.execute();
		await trx
			.insertInto('memberships')
			.values({ id: newId(), userId, role: 'ngo', centreId: null, organisationId, createdAt: now })
			.execute();
		await recordAudit(trx, {
			actorId: userId,
			entity: 'organisation',
			entityId: organisationId,
			action: 'registered',
			after: { ...input.organisation, centreId: input.centreId }
		});
	});
	return { organisationId };
}

export async function listPendingRegistrations(db: Kysely<DB>, user: Identity) {
	let query = db.selectFrom('organisations').selectAll().where('status', '=', 'pending').orderBy('createdAt');
	if (user.role !== 'admin')
		query = query.where('centreId', 'in', user.centreIds.length ? user.centreIds : ['']);
	const organisations = await query.execute();
	const representatives = organisations.length
		? await db
				.selectFrom('memberships')
				.innerJoin('users', 'users.id', 'memberships.userId')
				.select(['memberships.organisationId', 'users.name', 'users.email'])
				.where(
					'memberships.organisationId',
					'in',
					organisations.map((o) => o.id)
				)
				.execute()
		: [];
	const existing = await duplicatePool(db, user, organisations);
	return organisations.map((o) => ({
		...o,
		representatives: representatives
			.filter((r) => r.organisationId === o.id)
			.map(({ name, email }) => ({ name, email })),
		likelyDuplicates: findLikelyDuplicates(o, existing).map((found): RegistrationDuplicate => ({
			id: found.organisation.id,
			name: found.organisation.name,
			street: found.organisation.street,
			postalCode: found.organisation.postalCode,
			town: found.organisation.town,
			status: found.organisation.status === 'pending' ? 'pending' : 'active',
			why: duplicateWhy(o, found)
		}))
	}));
}

/**
 * The organisations a pending registration could duplicate: those the reviewer may see (every active one, and
 * for a coordinator the pending ones of their centres — two registrations of one NGO — for an admin all), never a
 * rejected one. Only those that could match are read: the same gmina (the name rule) or a registry number.
 * Registration itself says nothing of them: an anonymous visitor must not learn which organisations exist.
 */
async function duplicatePool(
	db: Kysely<DB>,
	user: Identity,
	registrations: readonly {
		gminaTerc: string;
		nip: string | null;
		krs: string | null;
		regon: string | null;
	}[]
) {
	if (registrations.length === 0) return [];
	const values = (pick: (r: (typeof registrations)[number]) => string | null) => [
		...new Set(registrations.map(pick).filter((value): value is string => !!value))
	];
	const gminas = values((r) => r.gminaTerc);
	const ids = { nip: values((r) => r.nip), krs: values((r) => r.krs), regon: values((r) => r.regon) };
	const centreIds = user.centreIds.length ? user.centreIds : [''];
	const pool = await db
		.selectFrom('organisations')
		.select(['id', 'name', 'street', 'postalCode', 'town', 'gminaTerc', 'nip', 'krs', 'regon', 'status'])
		.where('status', '!=', 'rejected')
		.$if(user.role !== 'admin', (query) =>
			query.where((eb) => eb.or([eb('status', '=', 'active'), eb('centreId', 'in', centreIds)]))
		)
		.where((eb) =>
			eb.or([
				...(gminas.length ? [eb('gminaTerc', 'in', gminas)] : []),
				...(ids.nip.length ? [eb('nip', 'in', ids.nip)] : []),
				...(ids.krs.length ? [eb('krs', 'in', ids.krs)] : []),
				...(ids.regon.length ? [eb('regon', 'in', ids.regon)] : [])
			])
		)
		.execute();
	// The established organisation first, then the other registrations; by name alike on both engines.
	return pool.sort(
		(a, b) =>
			Number(a.status !== 'active') - Number(b.status !== 'active') || polishOrder.compare(a.name, b.name)
	);
}

export async function decideRegistration(
	db: Kysely<DB>,
	user: Identity,
	organisationId: string,
	decision: { approve: true } | { approve: false; reason: string }
) {
	await withTransaction(db, async (trx) => {
		const organisation = await trx
			.selectFrom('organisations')
			.selectAll()
			.where('id', '=', organisationId)
			.executeTakeFirst();
		if (!organisation) throw notFound();
		if (!canReviewRegistration(user, organisation)) throw forbidden();
		if (organisation.status !== 'pending') {
			throw new ApiError(409, 'not_pending', 'registration.notPending');
		}
		const now = new Date().toISOString();
		const status = decision.approve ? 'active' : 'rejected';
		await trx
			.updateTable('organisations')
			.set((eb) => ({ status, updatedAt: now, version: eb('version', '+', 1) }))
			.set({ seq: await nextSeq(trx) })
			.where('id', '=', organisationId)
			.execute();
		const userIds = (
			await trx
				.selectFrom('memberships')
				.select('userId')
				.where('organisationId', '=', organisationId)
				.execute()
		).map((m) => m.userId);
		if (userIds.length) {
			await trx
				.updateTable('users')
				.set({ status: decision.approve ? 'active' : 'deactivated', updatedAt: now })
				.where('id', 'in', userIds)
				.where('status', '=', 'pending')
				.execute();
		}
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'organisation',
			entityId: organisationId,
			action: decision.approve ? 'registration_approved' : 'registration_rejected',
			before: { status: organisation.status },
			after: { status },
			reason: decision.approve ? null : decision.reason
		});
	});
}
