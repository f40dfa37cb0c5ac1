import type { syncPl } from './sync.pl';

export const syncEn: Record<keyof typeof syncPl, string | ((p: Record<string, string | number>) => string)> =
	{
		'sync.unknownEntity': 'Unknown kind of record.',
		'sync.unknownOp': 'Unknown kind of change.',
		'sync.emptyBatch': 'Empty batch of changes.',
		'sync.batchTooLarge': 'Too many changes in one batch.',
		'sync.badCursor': 'Invalid sync cursor.',
		'sync.clientOutdated':
			'This version of the app is too old to send changes. Update the app — unsent changes stay on the phone.',
		'sync.serverOutdated': 'The server is being updated. Changes will be sent in a moment.',
		'sync.lifeboat.notLifeboat': 'This is not a Doradca file of unsent changes.',
		'sync.lifeboat.version': 'This file was written by an unknown version of the app.',
		'sync.lifeboat.userOutsideScope':
			"The author of these changes is not an advisor of your centre — their centre's coordinator can import it.",
		'sync.refused.invalid':
			'The server refused the change: the data is incomplete or wrong. Fix the card and save again.',
		'sync.refused.notFound': "The server does not know this record, or you don't have access to it.",
		'sync.refused.locked':
			'The card was already signed or approved, so this change was not made. You can turn it into an amendment with a reason.',
		'sync.refused.badTransition':
			"This change of the card's state is not possible (e.g. signing before completing).",
		'sync.refused.alreadyExists': 'A record with this id already exists on the server.',
		'sync.refused.deleted': 'This card was deleted on another device.',
		'sync.refused.unsupported': 'This change cannot be sent from a phone — make it on the web.',
		'sync.refused.opIdReused': 'The change id was already used by another account.',
		'sync.state.local': 'only on this phone',
		'sync.state.sent': 'sent, awaiting confirmation',
		'sync.state.accepted': 'accepted by the server',
		'sync.state.refused': 'refused',
		'sync.state.conflict': 'two versions — choose',
		'sync.receipt': 'Receipt {receipt}',
		'sync.now': 'Sync now',
		'sync.running': 'Syncing…',
		'sync.progress': 'Sending: {sent} of {total}',
		'sync.lastSync': 'Last sync: {when}',
		'sync.never': 'This phone has not synced yet.',
		'sync.allSent': 'All changes are on the server.',
		'sync.offline': 'No connection — changes are safe on the phone and will be sent when you have signal.',
		'sync.failed': 'Sync failed. Trying again in {seconds} s.',
		'sync.signInAgain':
			'Your session has expired. Sign in again — unsent changes wait on the phone and will be sent after you sign in.',
		'sync.signIn': 'Sign in again',
		'sync.outdated':
			'This version of the app is too old for the server. Reload the app — unsent changes are kept.',
		'sync.stale': (p) =>
			`This phone has not reached the server for ${p.days} days and holds unsent changes. Get online, or save the changes to a file and give it to your coordinator.`,
		'sync.panel.title': 'Sync',
		'sync.refusals.title': 'Changes refused by the server',
		'sync.refusals.none': 'No refused changes.',
		'sync.refusals.dismiss': 'Got it, remove from the list',
		'sync.refusals.toAmendment': 'Turn into an amendment',
		'sync.refusals.open': 'Open the card',
		'sync.conflict.title': 'Two versions of the text',
		'sync.conflict.explain':
			'This text was changed on two devices at the same time. Both versions are kept — choose one or combine them.',
		'sync.conflict.current': 'Version on the server',
		'sync.conflict.other': 'Other version',
		'sync.conflict.keepCurrent': 'Keep the server version',
		'sync.conflict.keepOther': 'Choose the other version',
		'sync.conflict.keepBoth': 'Combine both',
		'sync.export.title': 'Emergency save',
		'sync.export.explain':
			'If you cannot sync (no signal for weeks, a phone to be replaced), save unsent changes to a file and give it to your coordinator. Importing the file twice duplicates nothing.',
		'sync.export.button': 'Save unsent changes to a file',
		'sync.export.nothing': 'There are no unsent changes.',
		'sync.export.done': 'Saved the file {file}.',
		'sync.import.title': 'Import changes from a file',
		'sync.import.explain':
			"Load an advisor's emergency save file. The changes take the same path as from a phone: those that already arrived are not duplicated.",
		'sync.import.button': 'Load file',
		'sync.import.result':
			'Accepted {applied}, merged {merged}, refused {refused}, already accepted before: {replayed}.',
		'sync.import.badFile': 'Could not read the file: it is not an emergency save JSON file.',
		'sync.persist.granted': "The browser promised not to delete this phone's data.",
		'sync.persist.denied':
			'The browser may delete data when space runs low. Sync regularly, or install the app on the home screen.',
		'sync.persist.unsupported': 'This browser does not say whether it keeps data permanently.',
		'sync.signOut.pending': (p) =>
			`This phone has unsent changes (${p.count}). Signing out deletes them from the phone. Sync first, or save them to a file.`,
		'sync.signOut.confirm': 'Sign out and delete unsent changes',
		'sync.signOut.clears': "Signing out removes this account's data from the phone.",
		'sync.receiptSearch.label': 'Find by receipt code',
		'sync.receiptSearch.notFound': "No change with this code was found (or you don't have access to it).",
		'sync.receiptSearch.invalid': 'This is not a valid receipt code — check for a typo.',
		'sync.receiptSearch.found': '{receipt}: {entity} accepted {at} from {user}.',
		'sync.entity.consultation': 'consultation card',
		'sync.entity.organisation': 'organisation',
		'sync.entity.amendment': 'amendment'
	};
