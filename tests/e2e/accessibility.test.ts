import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectFitsPhone, expectNoSeriousViolations, signIn } from './fixtures';

test('public pages have no serious or critical axe violations and fit a 360 px phone', async ({ page }) => {
	for (const path of ['/login', '/register']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoSeriousViolations(page, path);
		await expectFitsPhone(page, path);
	}
});

const SCREENS: Record<keyof typeof DEMO_ACCOUNTS, string[]> = {
	advisor: ['/today', '/log', '/organisations', '/month', '/agenda', '/availability', '/account'],
	advisor2: [],
	coordinator: ['/dashboard', '/consultations', '/bookings', '/quotas', '/availability', '/organisations'],
	ngo: ['/meetings', '/book'],
	admin: ['/dashboard', '/quotas', '/admin/centres', '/admin/users', '/organisations']
};

for (const [role, paths] of Object.entries(SCREENS).filter(([, p]) => p.length)) {
	test(`every ${role} screen has no serious or critical axe violations and fits a 360 px phone`, async ({
		page
	}) => {
		const account = DEMO_ACCOUNTS[role as keyof typeof DEMO_ACCOUNTS];
		await signIn(page, account.email);
		await expect(page).toHaveURL(account.home);
		for (const path of paths) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByText('Wczytywanie…')).toHaveCount(0);
			await expectNoSeriousViolations(page, path);
			await expectFitsPhone(page, path);
		}
	});
}
