/**
 * Every field a consultation's audit entry holds, as the server writes it through the coordinator's routes (flag,
 * unflag, approve one, approve many), is named in words in both languages on the card's audit trail, never shown
 * by its key (a flag's note once read "comment: — → …"). On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { insertConsultation, pastMonth } from './helpers/coordinator';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_PASSWORD } from '$lib/server/db/demo-data';
import { consultationFieldName } from '$lib/i18n/consultation-fields';

describe.each(ENGINES)('audit field names on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let token = '';

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		token = await signInToken(call, 'koordynator@demo.pl', DEMO_PASSWORD);
	});
	afterAll(() => database?.close());

	test('flag, unflag and approvals write only fields the audit trail names', async () => {
		const coordinator = (method: string, path: string, body?: unknown) => call(method, path, { token, body });
		const one = await insertConsultation(database.db, { date: `${pastMonth(1)}-12`, status: 'signed' });
		const many = await insertConsultation(database.db, { date: `${pastMonth(1)}-13`, status: 'completed' });
		expect((await coordinator('POST', `/api/consultations/${one}/flag`, { comment: 'Sprawdź' })).status).toBe(
			200
		);
		expect((await coordinator('DELETE', `/api/consultations/${one}/flag`)).status).toBe(200);
		expect((await coordinator('POST', `/api/consultations/${one}/flag`, { comment: 'Znowu' })).status).toBe(
			200
		);
		expect((await coordinator('POST', `/api/consultations/${one}/approve`, { comment: 'OK' })).status).toBe(
			200
		);
		expect((await coordinator('POST', '/api/consultations/approve', { ids: [many] })).status).toBe(200);

		const fields = new Set<string>();
		for (const id of [one, many]) {
			const audit = await coordinator('GET', `/api/consultations/${id}/audit`);
			expect(audit.status).toBe(200);
			for (const entry of audit.body as unknown as { before: unknown; after: unknown }[]) {
				for (const side of [entry.before, entry.after]) {
					if (side && typeof side === 'object') Object.keys(side).forEach((field) => fields.add(field));
				}
			}
		}
		expect([...fields].sort()).toEqual(['comment', 'status']);
		for (const field of fields) {
			for (const locale of ['pl', 'en'] as const) {
				expect(consultationFieldName(field, locale), `${field} (${locale})`).not.toBe(field);
			}
		}
	});
});
