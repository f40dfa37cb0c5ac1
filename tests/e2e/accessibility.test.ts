import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, expectAccessibleInBothSchemes, expectFitsPhone, signIn } from './fixtures';

test('public pages, light and dark, have no serious or critical axe violations and fit a 360 px phone', async ({
	page
}) => {
	for (const path of ['/login', '/register']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectAccessibleInBothSchemes(page, path);
		await expectFitsPhone(page, path);
	}
});

const SCREENS: Record<keyof typeof DEMO_ACCOUNTS, string[]> = {
	advisor: [
		'/today',
		'/log',
		'/organisations',
		'/organisations/new',
		'/month',
		'/agenda',
		'/availability',
		'/sync',
		'/account',
		'/account/password'
	],
	advisor2: [],
	coordinator: [
		'/dashboard',
		'/consultations',
		'/bookings',
		'/quotas',
		'/availability',
		'/organisations',
		'/organisations/new',
		'/account'
	],
	ngo: ['/meetings', '/book', '/account'],
	admin: ['/dashboard', '/quotas', '/admin/centres', '/admin/users', '/organisations', '/account']
};

/**
 * Cards opened from a list: the first link of each kind on the list's screen. (The e2e server has no visit history:
 * visit and consultation cards are checked where the tests make them, in workbench and sync-coordinator.)
 */
const CARDS: Record<keyof typeof DEMO_ACCOUNTS, { list: string; link: string }[]> = {
	advisor: [{ list: '/organisations', link: 'a[href^="/organisations/"]:not([href="/organisations/new"])' }],
	advisor2: [],
	coordinator: [
		{ list: '/organisations', link: 'a[href^="/organisations/"]:not([href="/organisations/new"])' }
	],
	ngo: [],
	admin: [{ list: '/organisations', link: 'a[href^="/organisations/"]:not([href="/organisations/new"])' }]
};

for (const [role, paths] of Object.entries(SCREENS).filter(([, p]) => p.length)) {
	test(`every ${role} screen, light and dark, has no serious or critical axe violations and fits a 360 px phone`, async ({
		page
	}) => {
		const account = DEMO_ACCOUNTS[role as keyof typeof DEMO_ACCOUNTS];
		await signIn(page, account.email);
		await expect(page).toHaveURL(account.home);
		for (const path of paths) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByText('Wczytywanie…')).toHaveCount(0);
			await expectAccessibleInBothSchemes(page, path);
			await expectFitsPhone(page, path);
		}
		for (const { list, link } of CARDS[role as keyof typeof DEMO_ACCOUNTS]) {
			await page.goto(list);
			const card = page.locator(link).first();
			const href = await card.getAttribute('href');
			await card.click();
			await expect(page).toHaveURL(href!);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByText('Wczytywanie…')).toHaveCount(0);
			await expectAccessibleInBothSchemes(page, `${list} → ${href}`);
			await expectFitsPhone(page, `${list} → ${href}`);
		}
	});
}
