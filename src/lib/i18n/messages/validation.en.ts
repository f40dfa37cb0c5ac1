import type { validationPl } from './validation.pl';

export const validationEn: Record<keyof typeof validationPl, string> = {
	'validation.required': 'This field is required.',
	'validation.nulCharacter':
		'The text holds a character that cannot be stored (NUL) — remove it and try again.',
	'validation.brokenCharacter':
		'The text holds a broken character (e.g. half of an emoji) that cannot be stored — remove it and try again.',
	'validation.date.yearRange': 'Check the year — the date must fall in the years 2000–2100.',
	'validation.invalid': 'This value is not valid — please check it.',
	'validation.unknownField': 'The form contains an unknown field — reload the page and try again.',
	'validation.choice': 'Choose one of the options in the list.',
	'validation.id': 'Choose an item from the list.',
	'validation.orgName.length': 'Enter the full name from the KRS or the statute: 2 to 300 characters.',
	'validation.name.length': 'Enter between 2 and 120 characters.',
	'validation.text.tooLong': 'This text is too long — shorten it to 200 characters.',
	'validation.email.invalid': 'Enter an e-mail address like name@example.org.',
	'validation.email.tooLong': 'An e-mail address can have at most 254 characters.',
	'validation.password.tooShort':
		'The password needs at least 10 characters — a few words together work well.',
	'validation.password.guessable':
		'This password is among the first ones guessed (counting, a keyboard row, a common word) — choose another, e.g. a few words.',
	'validation.password.tooLong': 'The password can have at most 200 characters.',
	'validation.password.same': 'The new password must differ from the current one.',
	'validation.postalCode': 'Enter the postal code as 00-000, e.g. 80-830.',
	'validation.phone': 'Enter the phone number in digits, e.g. 58 123 45 67 or +48 600 100 200.',
	'validation.website': 'Enter the website address, e.g. www.foundation.org.',
	'validation.terc.gminaFormat': 'A gmina code (TERC) has 7 digits — choose the gmina from the list.',
	'validation.terc.gminaOutside': 'This gmina is not in Pomorskie — choose the gmina from the list.',
	'validation.terc.powiatFormat': 'A powiat code (TERC) has 4 digits — choose the powiat from the list.',
	'validation.terc.powiatOutside': 'This powiat is not in Pomorskie — choose the powiat from the list.',
	'validation.terc.powiatMismatch':
		'The chosen gmina is in a different powiat — correct the powiat or the gmina.',
	'validation.nip.notDigits': 'A NIP consists of digits only — remove letters and other characters.',
	'validation.nip.length': 'A NIP has 10 digits — check that none is missing or extra.',
	'validation.nip.checksum':
		'A NIP has 10 digits — check the last (check) digit, it does not match the others.',
	'validation.nip.allZeros': 'A NIP cannot be all zeros — copy it from the organisation’s documents.',
	'validation.regon.notDigits': 'A REGON consists of digits only — remove letters and other characters.',
	'validation.regon.length': 'A REGON has 9 or 14 digits — check that none is missing.',
	'validation.regon.checksum':
		'This REGON does not add up — check the digits, especially the last (check) one.',
	'validation.regon.allZeros': 'A REGON cannot be all zeros — copy it from the organisation’s documents.',
	'validation.krs.notDigits': 'A KRS number consists of digits only — remove letters and other characters.',
	'validation.krs.length': 'A KRS number has 10 digits (with leading zeros) — this one has too many.',
	'validation.krs.allZeros': 'A KRS number cannot be all zeros — copy it from the KRS extract.',
	'validation.krs.required': 'This legal form requires a KRS number — copy it from the KRS extract.',
	'validation.pesel.notDigits': 'A PESEL consists of digits only — remove letters and other characters.',
	'validation.pesel.length': 'A PESEL has 11 digits — check that none is missing.',
	'validation.pesel.checksum':
		'This PESEL does not add up — check the digits, especially the last (check) one.',
	'validation.pesel.birthDate': 'The birth date in this PESEL does not exist — check the first 6 digits.',
	'validation.legalForm.kindMismatch':
		'This legal form does not match the kind of entity — choose a form for an NGO or a local government.',
	'validation.reason.required':
		'Give the reason for rejecting (at least 3 characters) — the organisation will see it.',
	'validation.reason.tooLong': 'The reason can have at most 1000 characters — shorten it.',
	'validation.consent': 'To register, tick the consent box.',
	'validation.user.centreRequired': 'Coordinators and advisors must belong to a centre — choose a COP.',
	'validation.user.organisationRequired': 'An NGO account must belong to an organisation — choose one.',

	'legalForm.fundacja': 'foundation',
	'legalForm.stowarzyszenie': 'association (registered)',
	'legalForm.stowarzyszenie_zwykle': 'ordinary association (stowarzyszenie zwykłe)',
	'legalForm.zwiazek_stowarzyszen': 'union of associations',
	'legalForm.oddzial_stowarzyszenia': 'local branch of an association',
	'legalForm.klub_sportowy': 'sports club / school sports club (UKS)',
	'legalForm.osp': 'volunteer fire brigade (OSP)',
	'legalForm.kgw': 'rural women’s circle (KGW)',
	'legalForm.kolko_rolnicze': 'farmers’ circle (kółko rolnicze)',
	'legalForm.lgd': 'local action group (LGD)',
	'legalForm.spoldzielnia_socjalna': 'social cooperative',
	'legalForm.koscielna_osoba_prawna': 'church legal person',
	'legalForm.stowarzyszenie_jst': 'association of local governments',
	'legalForm.spolka_non_profit': 'non-profit company',
	'legalForm.cech_izba': 'guild / chamber of commerce',
	'legalForm.grupa_nieformalna': 'informal group',
	'legalForm.gmina_miejska': 'urban gmina',
	'legalForm.gmina_wiejska': 'rural gmina',
	'legalForm.gmina_miejsko_wiejska': 'urban-rural gmina',
	'legalForm.powiat': 'powiat (county)',
	'legalForm.miasto_na_prawach_powiatu': 'city with powiat rights',
	'legalForm.wojewodztwo': 'voivodeship'
};
