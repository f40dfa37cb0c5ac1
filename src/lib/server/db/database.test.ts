import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database';

describe('parseDatabaseUrl', () => {
	it.each([
		['./data/doradca.db', { engine: 'sqlite', file: './data/doradca.db' }],
		['/var/lib/doradca/app.db', { engine: 'sqlite', file: '/var/lib/doradca/app.db' }],
		['sqlite:./data/x.db', { engine: 'sqlite', file: './data/x.db' }],
		['sqlite::memory:', { engine: 'sqlite', file: ':memory:' }],
		['sqlite:///srv/x.db', { engine: 'sqlite', file: '/srv/x.db' }],
		['sqlite://./x.db', { engine: 'sqlite', file: './x.db' }],
		[
			'postgres://u:p@db:5432/doradca',
			{ engine: 'postgres', connectionString: 'postgres://u:p@db:5432/doradca' }
		],
		['postgresql://db/doradca', { engine: 'postgres', connectionString: 'postgresql://db/doradca' }]
	])('%s', (url, expected) => {
		expect(parseDatabaseUrl(url)).toEqual(expected);
	});

	it('refuses empty and unknown URLs without echoing credentials', () => {
		expect(() => parseDatabaseUrl('  ')).toThrow('empty');
		expect(() => parseDatabaseUrl('sqlite:')).toThrow('no SQLite file');
		expect(() => parseDatabaseUrl('mysql://root:secret@db/x')).toThrow(/Unsupported/);
		expect(() => parseDatabaseUrl('mysql://root:secret@db/x')).not.toThrow(/secret/);
	});
});
