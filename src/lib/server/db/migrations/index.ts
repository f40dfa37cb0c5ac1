/**
 * Every migration, in order, registered in code: the bundled production server has no source folder to scan.
 * Add a new file `NNN-name.ts` and one line below; never edit or rename a migration that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
	'001-initial': m001
};

export const migrationProvider: MigrationProvider = {
	async getMigrations() {
		return { ...MIGRATIONS };
	}
};
