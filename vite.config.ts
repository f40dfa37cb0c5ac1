import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// The user decides when a new version takes over, so no form is ever reloaded away.
			registerType: 'prompt',
			injectRegister: false,
			manifestFilename: 'manifest.webmanifest',
			manifest: {
				id: '/',
				name: 'Doradca — doradztwo COP Pomorskie',
				short_name: 'Doradca',
				description:
					'Ewidencja konsultacji, godzin i rezerwacji doradztwa dla centrów organizacji pozarządowych.',
				lang: 'pl',
				dir: 'ltr',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				theme_color: '#0b5cad',
				background_color: '#ffffff',
				categories: ['productivity', 'business'],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				// Every navigation offline gets the prerendered client-only shell; the API is never answered by it.
				navigateFallback: '/shell',
				navigateFallbackDenylist: [/^\/api\//],
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2}', 'prerendered/**/*.html'],
				cleanupOutdatedCaches: true,
				clientsClaim: true,
				// One self-contained sw.js: with Workbox in a file of its own, a new worker whose second file failed to
				// load (signal lost mid-update) still installed — with no fetch handler, and the app stopped opening
				// offline. Now the worker either arrives whole or the old one stays.
				inlineWorkboxRuntime: true
			},
			kit: { includeVersionFile: true }
		})
	],
	server: { port: 5173 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts'],
					setupFiles: ['fake-indexeddb/auto']
				}
			},
			{
				extends: './vite.config.ts',
				resolve: { conditions: ['browser'] },
				test: {
					name: 'client',
					// Runes modules compiled for the browser, so $effect runs as it does on the phone.
					environment: './tests/environments/browser-runes.ts',
					include: ['src/**/*.svelte.test.ts'],
					setupFiles: ['fake-indexeddb/auto']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// Each file gets its own SQLite file and PostgreSQL schema; files run in parallel safely.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
