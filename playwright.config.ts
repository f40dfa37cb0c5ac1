import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/lib/chromium.js';

const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: true,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		...devices['Pixel 5'],
		viewport: { width: 360, height: 780 },
		locale: 'pl-PL',
		timezoneId: 'Europe/Warsaw',
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunchOptions
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		// A fresh SQLite database with the demo data for every run; the app is built by the test script first.
		command: 'node scripts/e2e-server.js',
		url: `http://localhost:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 180_000,
		env: { PORT: String(PORT) }
	}
});
