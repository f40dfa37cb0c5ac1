import type { syncPl } from './sync.pl';
import { plural } from '../plural';

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
		'sync.lifeboat.unknownAuthor':
			'The author of these changes has no account on this server — the file comes from another installation or was altered.',
		'sync.lifeboat.authorMismatch':
			'The changes in this file belong to someone other than the person who saved it — the file was altered. Ask the advisor to save it again.',
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
		'sync.refused.opIdReused': 'This change’s id was already used for another change — it was not saved.',
		'sync.refused.changedElsewhere':
			'The draft was not deleted: it was changed on another device meanwhile. It is back on this phone — if it is still not needed, delete it again.',
		'sync.amendment.correctedElsewhere': 'corrected meanwhile on another device',
		'sync.refused.amendedElsewhere':
			'The correction was not saved: before it arrived, the same value was corrected differently on another device. The card now shows that correction — if still needed, correct it again.',
		'sync.refused.signedOtherVersion':
			'The signature was not saved: before it arrived, the card was changed on another device, and the signature is for the earlier version. Restore the signed version, or open the card as it now is and ask for the signature again.',
		'sync.state.local': 'only on this phone',
		'sync.state.sent': 'sent, awaiting confirmation',
		'sync.state.accepted': 'accepted by the server',
		'sync.state.refused': 'change refused',
		'sync.state.conflict': 'two versions — choose',
		'sync.receipt': 'Receipt {receipt}',
		'sync.now': 'Sync now',
		'sync.running': 'Syncing…',
		'sync.progress': 'Sending: {sent} of {total}',
		'sync.lastSync': 'Last sync: {when}',
		'sync.never': 'This phone has not synced yet.',
		'sync.allSent': 'All changes are on the server.',
		'sync.nothingWaitingButRefused':
			'Nothing is waiting to be sent, but the server did not accept some changes — they are only on this phone.',
		'sync.noAnswer': 'The server did not answer — changes are safe on the phone; trying again shortly.',
		'sync.offline': 'No connection — changes are safe on the phone and will be sent when you have signal.',
		'sync.timedOut':
			'The server did not answer in time — the line is very slow or losing data. Changes are safe on the phone; the next attempt sends them in smaller batches.',
		'sync.failed': 'Sync failed. Trying again in {seconds} s.',
		'sync.signInAgain':
			'Your session has expired. Sign in again — unsent changes wait on the phone and will be sent after you sign in.',
		'sync.signIn': 'Sign in again',
		'sync.outdated':
			'This version of the app is too old for the server. Reload the app — unsent changes are kept.',
		'sync.stale': (p) =>
			`This phone has not reached the server for ${p.days} days and holds unsent changes. Get online, or save the changes to a file and give it to your coordinator.`,
		'sync.panel.state': 'Sync status',
		'sync.panel.title': 'Sync',
		'sync.refusals.title': 'Changes refused by the server',
		'sync.refusals.none': 'No refused changes.',
		'sync.refusals.resend': 'Send again',
		'sync.refusals.resent': 'The card waits to be sent — as it stands now.',
		'sync.refusals.dismiss': 'Got it, remove from the list',
		'sync.refusals.text': 'Refused text — {field}:',
		'sync.refusals.restore': 'Restore as a new draft',
		'sync.refusals.restoreSigned': 'Restore the signed version',
		'sync.refusals.dismissQuestion':
			'The refused changes exist only here. Once removed from the list they are gone. Remove them?',
		'sync.refusals.dismissConfirm': 'Yes, remove the refused changes',
		'sync.refusals.toAmendment': 'Turn into an amendment',
		'sync.refusals.amendAgain': 'Fix the amendment',
		'sync.refusals.open': 'Open the card',
		'sync.refusals.signedText': 'Signed text — {field}:',
		'sync.refusals.signedChanges':
			'Restoring the signed version replaces what the card holds now (now → signed):',
		'sync.refusals.signedChange': '{field}: {current} → {signed}',
		'sync.refusals.signedSame': 'The card now holds the same values that were signed.',
		'sync.refusals.restoreSignedQuestion':
			'Restore the signed version? It replaces the card’s current values, changed on another device — on this phone, and everywhere once synced:',
		'sync.refusals.restoreSignedQuestionSame':
			'Restore the signed version? The card now holds the same values that were signed — it is only signed again.',
		'sync.refusals.restoreSignedConfirm': 'Yes, restore the signed version',
		'sync.refusals.restoredSigned':
			'The signed version of the card is restored, with its signature. It waits to be sent.',
		'sync.refusals.dismissSignedQuestion':
			'The representative’s signature and the signed version of the card exist only here. Once removed from the list they are gone — the signature will have to be given again. Remove them?',
		'sync.refusals.dismissSignedConfirm': 'Yes, remove the signature',
		'sync.conflict.title': 'Two versions of the text',
		'sync.conflict.explain':
			'This text was changed on two devices at the same time. Both versions are kept — choose one or combine them.',
		'sync.conflict.current': 'Version on the server',
		'sync.conflict.other': 'Other version',
		'sync.conflict.keepCurrent': 'Keep the server version',
		'sync.conflict.keepOther': 'Choose the other version',
		'sync.conflict.combinedLabel': 'Combined text',
		'sync.conflict.combinedHint': 'Both versions, one after the other. Remove what repeats, then save.',
		'sync.conflict.combinedEmpty':
			'The combined text is empty — write it or go back to choosing a version (saving it empty would remove both).',
		'sync.conflict.saveCombined': 'Save the combined text',
		'sync.conflict.cancelCombined': 'Back to choosing a version',
		'sync.conflict.keepBoth': 'Combine both',
		'sync.unsentOnDevice.title': (p: Record<string, string | number>) =>
			plural('en', Number(p.count), {
				one: '{count} unsent change waits on this phone',
				other: '{count} unsent changes wait on this phone'
			}),
		'sync.unsentOnDevice.of':
			'They belong to the account {name} ({email}). Sign in to it and they will be sent — or, if that is impossible (e.g. the account was deactivated), save them to a file and give it to the coordinator.',
		'sync.unsentOnDevice.unknown':
			'Sign in to the account they were saved under and they will be sent — or, if that is impossible, save them to a file and give it to the coordinator.',
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
		'sync.signOut.refused':
			'The server did not accept some changes ({count}): they are only on this phone, and signing out deletes them. Fix them and send them again.',
		'sync.signOut.refusedLink': 'See the refused changes',
		'sync.signOut.clears': "Signing out removes this account's data from the phone.",
		'sync.receiptSearch.label': 'Find by receipt code',
		'sync.receiptSearch.notFound': "No change with this code was found (or you don't have access to it).",
		'sync.receiptSearch.foundLocal':
			'Offline: this device holds the card whose latest accepted change has the code {receipt}.',
		'sync.receiptSearch.offlineNotHere':
			'Offline, only the cards on this device are searched — none has this code now (it may belong to an earlier change). Try again once you are online.',
		'sync.receiptSearch.invalid': 'This is not a valid receipt code — check for a typo.',
		'sync.receiptSearch.foundCard': '{receipt}: {entity} — a change of {at}.',
		'sync.receiptSearch.foundReview': "{receipt}: {entity} — a coordinator's change ({user}), {at}.",
		'sync.receiptSearch.found': '{receipt}: {entity} — accepted {at}; sent by {user}.',
		'sync.entity.consultation': 'consultation card',
		'sync.entity.organisation': 'organisation',
		'sync.entity.amendment': 'amendment',
		'sync.panel.open': 'Sync — details',
		'sync.header.problem': 'sync problem — details in the panel',
		'sync.panel.reading': 'Checking what waits to be sent…',
		'sync.panel.waiting': 'Changes waiting to be sent: {count}.',
		'sync.panel.inFlight':
			'Of these, sent (or saved to a file) and awaiting the server’s confirmation: {count}.',
		'sync.panel.refused': 'The server refused changes: {count} — see below what to do.',
		'sync.when.today': 'today, {time}',
		'sync.when.yesterday': 'yesterday, {time}',
		'sync.when.earlier': '{date}, {time}',
		'sync.failedNow': 'Sync failed. Try again in a moment.',
		'sync.failedDetail': 'Details: {message}',
		'sync.failedNotServer': 'the answer did not come from the Doradca server (e.g. a Wi-Fi sign-in page).',
		'sync.failedStatus': 'the server is unavailable for a moment (code {status}).',
		'sync.storage.title': 'Data on this phone',
		'sync.storage.usage': 'The app uses {used} of the {quota} available.',
		'sync.refusals.at': 'Refused {when}.',
		'sync.refusals.record': '{entity} of {date}',
		'sync.refusals.fields': 'Fields to fix:',
		'sync.update.afterSync':
			'A new version of the app is available. It will install after the changes on this phone are sent ({count} waiting).',
		'sync.update.installAfterSync': 'Install after sending',
		'sync.update.waiting': 'Sending changes — the new version installs right after.',
		'sync.update.waitingOffline':
			'No connection — the new version installs once the changes are sent, when the signal is back.',
		'sync.update.now': 'Update now',
		'sync.update.check': 'Check for the update',
		'sync.update.noneYet': 'No new version yet, or it could not be downloaded. Try again in a moment.',
		'sync.conflict.signed':
			'The card is signed, so its text changes only by an amendment with a reason. Keep the server version, or take the other version into an amendment.',
		'sync.conflict.amendOther': 'Amendment with the other version',
		'sync.conflict.amendBoth': 'Amendment with the combined text',
		'sync.conflict.saved': 'The text is saved on the phone. It will be sent with the next sync.',
		'sync.amend.fromRefusal': 'The values of the refused change are filled in. Check them and give a reason.',
		'sync.amend.fromRefusedAmendment':
			'The values and the reason of the refused amendment are filled in. Fix what the server pointed out and save it again.',
		'sync.amend.fromConflict': 'The chosen text is filled in. Check it and give a reason for the amendment.',
		'sync.signOut.export': 'Save unsent changes to a file',
		'sync.signOut.working': 'Signing out…',
		'sync.today.refused': 'The server refused changes ({count}) — see what to do.',
		'sync.stale.open': 'Open sync'
	};
