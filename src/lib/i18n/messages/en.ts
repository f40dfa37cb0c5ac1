import type { Catalogue } from '../translate';
import { plural } from '../plural';
import { validationEn } from './validation.en';
import { storageEn } from './storage.en';
import { adminEn } from './admin.en';
import { workbenchEn } from './workbench.en';
import { syncEn } from './sync.en';
import { reviewEn } from './review.en';
import { coordinatorApiEn } from './coordinator-api.en';
import { reportsEn } from './reports.en';
import { coordinatorEn } from './coordinator.en';
import { bookingsEn } from './bookings.en';
import { bookingEn } from './booking.en';

import { screensEn } from './screens.en';
export const en: Catalogue = {
	...validationEn,
	...storageEn,
	...adminEn,
	...screensEn,
	...workbenchEn,
	...syncEn,
	...reviewEn,
	...coordinatorApiEn,
	...reportsEn,
	...coordinatorEn,
	...bookingsEn,
	...bookingEn,
	'app.name': 'Doradca',
	'app.tagline': 'NGO centre advisory records — Pomorskie',
	'common.loading': 'Loading…',
	'common.reload': 'Reload',
	'common.save': 'Save',
	'common.cancel': 'Cancel',
	'common.edit': 'Edit',
	'common.close': 'Close',
	'common.search': 'Search',
	'common.yes': 'Yes',
	'common.no': 'No',
	'common.offlineNeedsNetwork': 'No connection. This needs the internet — try again when you have signal.',
	'status.online': 'online',
	'status.offline': 'offline',
	'status.synced': 'synced',
	'status.pending': (p) =>
		plural('en', Number(p.count), { one: '{count} change waiting', other: '{count} changes waiting' }),
	'nav.main': 'Main navigation',
	'nav.skipToContent': 'Skip to content',
	'nav.denied':
		'The page {path} does not exist or is not available to your account — here is your home screen.',
	'nav.account': 'My account',
	'nav.today': 'Today',
	'nav.log': 'New visit',
	'nav.organisations': 'Organisations',
	'nav.month': 'My month',
	'nav.dashboard': 'Dashboard',
	'nav.consultations': 'Consultations',
	'nav.bookings': 'Bookings',
	'nav.meetings': 'My meetings',
	'nav.history': 'History',
	'nav.centres': 'Centres',
	'nav.users': 'Users',
	'role.admin': 'administrator',
	'role.coordinator': 'COP coordinator',
	'role.advisor': 'advisor',
	'role.ngo': 'organisation representative',
	'language.label': 'Language',
	'login.title': 'Sign in',
	'login.email': 'E-mail address',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.signingIn': 'Signing in…',
	'login.offline':
		'No connection. The first sign-in on this device needs the internet; after that the app works without signal.',
	'login.registerOrganisation': 'Register your organisation to book advisory sessions',
	'account.title': 'My account',
	'account.name': 'Name',
	'account.email': 'E-mail',
	'account.role': 'Role',
	'account.signOutHeading': 'Sign out',
	'account.signOut': 'Sign out',
	'account.signOutOffline':
		'No connection — signing out needs the internet to end the session on the server.',
	'password.title': 'Change password',
	'password.current': 'Current password',
	'password.new': 'New password',
	'password.hint': 'At least 10 characters. A few words that are easy to remember work well.',
	'password.submit': 'Change password',
	'password.changed': 'Password changed. Other devices have been signed out.',
	'password.mustChange': 'This account has a temporary password. Set your own password to continue.',
	'password.offline': 'No connection — you can change the password when you are back online.',
	'update.available': 'A new version of the app is available.',
	'update.reload': 'Reload now',
	'update.later': 'Later',
	'update.unsavedWarning':
		'You have unsaved input in a form. Reloading will discard it — save first, or reload anyway.',
	'update.reloadAnyway': 'Reload anyway',
	'screen.signedInAs': 'Signed in as {name}.',
	'screen.dashboard.title': 'Dashboard',
	'screen.dashboard.planned': "The centre's and advisors' hour quota for this month will appear here.",
	'screen.consultations.title': 'Consultations',
	'screen.consultations.planned': 'Consultations to review and approve will appear here.',
	'screen.bookings.title': 'Bookings',
	'screen.bookings.planned': "Organisations' requests for advice to confirm will appear here.",
	'screen.meetings.title': 'My meetings',
	'screen.meetings.planned': "Your organisation's upcoming advisory meetings and booking will appear here.",
	'screen.history.title': 'History',
	'screen.history.planned':
		"Your organisation's past consultations, with topics and hours, will appear here.",
	'api.unauthenticated': 'Your session has expired or you are not signed in. Please sign in again.',
	'api.forbidden': 'You are not allowed to do this.',
	'api.notFound': "Not found — the record does not exist or you don't have access to it.",
	'api.noSuchAddress': 'There is no such address in the app’s API.',
	'api.methodNotAllowed': 'This address does not take this kind of request.',
	'api.badOrigin': 'Request refused: it does not come from the app.',
	'api.notJson': 'The request must be JSON (Content-Type: application/json).',
	'api.badJson': 'The request body is not valid JSON.',
	'api.bodyTooLarge': 'The request body is too large.',
	'api.invalid': 'Please correct the marked fields.',
	'api.passwordChangeRequired': 'Set your own password first.',
	'auth.wrongCredentials': 'Wrong e-mail or password. Check that Caps Lock is off.',
	'auth.accountPending':
		"Your organisation's registration is waiting for a COP coordinator's approval. You will get access once approved.",
	'auth.accountDeactivated': 'This account has been deactivated. Please contact your COP coordinator.',
	'auth.tooManyAttempts': (p) => `Too many failed sign-in attempts. Try again in ${p.minutes} min.`,
	'auth.noRole': 'This account has no role assigned. Please contact the administrator.',
	'auth.currentPasswordWrong': 'The current password is wrong.'
};
