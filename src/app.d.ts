/// <reference types="vite-plugin-pwa/client" />
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { Locale } from '$lib/i18n/translate';
import type { DB } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			/** The database, set by the server hook for API requests (injected directly by route tests). */
			db: Kysely<DB>;
			user: Identity | null;
			sessionId: string | null;
			locale: Locale;
		}
		interface Error {
			message: string;
			code?: string;
		}
		interface PageState {
			/** What the screen navigated from just did, said once on arrival (e.g. a deleted draft on Dziś). */
			notice?: 'draftDeleted';
			/**
			 * The visit a new form became once saved (/log → /log?id=…, shallow): SvelteKit brings back this state,
			 * not the address, when the user comes Back to the entry.
			 */
			visitId?: string;
		}
	}
}

export {};
