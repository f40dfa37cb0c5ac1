/**
 * Every migration, in order, registered in code: the bundled production server has no source folder to scan.
 * Add a new file `NNN-name.ts` and one line below; never edit or rename a migration that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-workbench';
import * as m003 from './003-sync';
import * as m004 from './004-coordinator';
import * as m005 from './005-booking';
import * as m006 from './006-pull-indexes';
import * as m007 from './007-signed-seq';
import * as m008 from './008-targets-kept-at-close';
import * as m009 from './009-known-devices';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
	'001-initial': m001,
	'002-workbench': m002,
	'003-sync': m003,
	'004-coordinator': m004,
	'005-booking': m005,
	'006-pull-indexes': m006,
	'007-signed-seq': m007,
	'008-targets-kept-at-close': m008,
	'009-known-devices': m009
};

export const migrationProvider: MigrationProvider = {
	async getMigrations() {
		return { ...MIGRATIONS };
	}
};
