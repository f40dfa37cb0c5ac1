import type { storagePl } from './storage.pl';

export const storageEn: Record<keyof typeof storagePl, string> = {
	'storage.quotaExceeded':
		'The phone is out of storage space — free some space and try again. The form data is still on the screen.',
	'storage.newerVersion':
		'The data on this phone was saved by a newer version of the app than the one in this tab. The form data is still on the screen — copy any important notes, then reload the page.',
	'storage.closed':
		'Doradca was updated or opened in another tab, and this tab lost access to its data. The form data is still on the screen — close the other Doradca tabs and try again.',
	'storage.unavailable':
		'This browser does not allow saving data on the phone (e.g. in private mode). The form data is still on the screen — open Doradca in a normal browser window.',
	'storage.failed':
		'Saving on the phone failed. The form data is still on the screen — try again in a moment, and if it keeps happening, restart the browser.',
	'storage.record.locked':
		'This record is already signed and cannot be changed. To correct something, add an amendment with a reason.',
	'storage.record.notFound':
		'This record is no longer on the phone — it may have been deleted. The form data is still on the screen.',
	'storage.record.wrongStatus':
		'This step is not possible in the record’s current state. Your data is saved — check the record’s state and try again.',
	'storage.record.unsendable':
		'The last change is not saved: correct the marked field. Until then the phone keeps the previous version, and the form still shows your data.',
	'storage.amendment.reasonRequired':
		'Give the reason for the amendment — it is required to change a signed record.',
	'storage.amendment.notOnServer':
		'The server has not taken this card yet, so a correction cannot be attached to it. Remove the reason for the refusal given on the card and send it again — you can correct it once the server has it.',
	'storage.amendment.noChanges': 'The amendment changes nothing — change at least one field.'
};
