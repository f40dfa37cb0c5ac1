/**
 * Demo data: the nine COP centres of the project, organisations from their towns and one account per role.
 * Ids are fixed so links, bookmarks and tests stay stable across fresh databases. Identifiers are made up but
 * carry valid check digits (tests/integration/seed.test.ts verifies them); TERC codes are real (GUS 2024).
 */
import type { Role } from '$lib/domain/roles';
import type { LegalForm } from '$lib/domain/schemas';
import type { OrganisationRecord } from '$lib/domain/records';
import type { CentresTable } from './schema';
import { addMonths } from '$lib/domain/hours';

export const DEMO_PASSWORD = 'demo-haslo-2026';

export const DEMO_CENTRE_IDS = {
	slupsk: '0190a000-0000-7000-8000-000000000101',
	kartuzy: '0190a000-0000-7000-8000-000000000102',
	lebork: '0190a000-0000-7000-8000-000000000103',
	ustka: '0190a000-0000-7000-8000-000000000104',
	tczew: '0190a000-0000-7000-8000-000000000105',
	sopot: '0190a000-0000-7000-8000-000000000106',
	gdansk: '0190a000-0000-7000-8000-000000000107',
	pruszcz: '0190a000-0000-7000-8000-000000000108',
	kwidzyn: '0190a000-0000-7000-8000-000000000109'
} as const;

export type DemoCentreKey = keyof typeof DEMO_CENTRE_IDS;

export const DEMO_ORGANISATION_IDS = {
	aktywniRazem: '0190a000-0000-7000-8000-000000000201',
	horyzont: '0190a000-0000-7000-8000-000000000202',
	smakiPomorza: '0190a000-0000-7000-8000-000000000203',
	uksOrlik: '0190a000-0000-7000-8000-000000000204',
	kgwKobylnica: '0190a000-0000-7000-8000-000000000205',
	gminaKobylnica: '0190a000-0000-7000-8000-000000000206',
	ziemiaUstecka: '0190a000-0000-7000-8000-000000000207',
	ospPrzewloka: '0190a000-0000-7000-8000-000000000208',
	wolontariatLebork: '0190a000-0000-7000-8000-000000000209',
	sasiedziNowaWies: '0190a000-0000-7000-8000-000000000210',
	lgdSerceKaszub: '0190a000-0000-7000-8000-000000000211',
	kaszubskiDom: '0190a000-0000-7000-8000-000000000212',
	fundacjaMost: '0190a000-0000-7000-8000-000000000213',
	powiatTczewski: '0190a000-0000-7000-8000-000000000214',
	srebrnaFala: '0190a000-0000-7000-8000-000000000215',
	fundacjaMolo: '0190a000-0000-7000-8000-000000000216',
	stoczniaIdei: '0190a000-0000-7000-8000-000000000217',
	gdanskBezBarier: '0190a000-0000-7000-8000-000000000218',
	razemLatwiej: '0190a000-0000-7000-8000-000000000219',
	powisleRazem: '0190a000-0000-7000-8000-000000000220',
	kgwRakowianki: '0190a000-0000-7000-8000-000000000221'
} as const;

export const DEMO_USER_IDS = {
	admin: '0190a000-0000-7000-8000-000000000301',
	coordinator: '0190a000-0000-7000-8000-000000000302',
	advisor: '0190a000-0000-7000-8000-000000000303',
	advisor2: '0190a000-0000-7000-8000-000000000304',
	ngo: '0190a000-0000-7000-8000-000000000305'
} as const;

type DemoCentre = Omit<CentresTable, 'active' | 'createdAt' | 'updatedAt'>;

const centre = (
	key: DemoCentreKey,
	town: string,
	locative: string,
	fields: Pick<DemoCentre, 'street' | 'postalCode' | 'gminaTerc' | 'powiatTerc'>
): DemoCentre => ({
	id: DEMO_CENTRE_IDS[key],
	name: `${key === 'slupsk' ? 'Regionalne ' : ''}Centrum Organizacji Pozarządowych ${locative}`,
	town,
	kind: key === 'slupsk' ? 'regional' : 'local',
	email: `cop.${key}@demo.pl`,
	phone: null,
	...fields
});

export const DEMO_CENTRES: readonly DemoCentre[] = [
	centre('slupsk', 'Słupsk', 'w Słupsku', {
		street: 'ul. Jana Pawła II 1',
		postalCode: '76-200',
		gminaTerc: '2263011',
		powiatTerc: '2263'
	}),
	centre('kartuzy', 'Kartuzy', 'w Kartuzach', {
		street: 'ul. Gdańska 7',
		postalCode: '83-300',
		gminaTerc: '2205023',
		powiatTerc: '2205'
	}),
	centre('lebork', 'Lębork', 'w Lęborku', {
		street: 'ul. Armii Krajowej 14',
		postalCode: '84-300',
		gminaTerc: '2208011',
		powiatTerc: '2208'
	}),
	centre('ustka', 'Ustka', 'w Ustce', {
		street: 'ul. Marynarki Polskiej 10',
		postalCode: '76-270',
		gminaTerc: '2212011',
		powiatTerc: '2212'
	}),
	centre('tczew', 'Tczew', 'w Tczewie', {
		street: 'ul. Wojska Polskiego 5',
		postalCode: '83-110',
		gminaTerc: '2214011',
		powiatTerc: '2214'
	}),
	centre('sopot', 'Sopot', 'w Sopocie', {
		street: 'ul. Kościuszki 25',
		postalCode: '81-704',
		gminaTerc: '2264011',
		powiatTerc: '2264'
	}),
	centre('gdansk', 'Gdańsk', 'w Gdańsku', {
		street: 'ul. Ogarna 12',
		postalCode: '80-826',
		gminaTerc: '2261011',
		powiatTerc: '2261'
	}),
	centre('pruszcz', 'Pruszcz Gdański', 'w Pruszczu Gdańskim', {
		street: 'ul. Grunwaldzka 20',
		postalCode: '83-000',
		gminaTerc: '2204011',
		powiatTerc: '2204'
	}),
	centre('kwidzyn', 'Kwidzyn', 'w Kwidzynie', {
		street: 'ul. Warszawska 19',
		postalCode: '82-500',
		gminaTerc: '2207011',
		powiatTerc: '2207'
	})
];

type DemoOrganisation = Omit<OrganisationRecord, 'status' | 'createdAt' | 'updatedAt'>;
type OrgKey = keyof typeof DEMO_ORGANISATION_IDS;

/** Where an organisation sits: town, gmina, powiat, postal code and home centre. */
const PLACES = {
	slupsk: {
		town: 'Słupsk',
		gminaTerc: '2263011',
		powiatTerc: '2263',
		postalCode: '76-200',
		centre: 'slupsk'
	},
	kobylnica: {
		town: 'Kobylnica',
		gminaTerc: '2212062',
		powiatTerc: '2212',
		postalCode: '76-251',
		centre: 'slupsk'
	},
	ustka: { town: 'Ustka', gminaTerc: '2212011', powiatTerc: '2212', postalCode: '76-270', centre: 'ustka' },
	przewloka: {
		town: 'Przewłoka',
		gminaTerc: '2212102',
		powiatTerc: '2212',
		postalCode: '76-270',
		centre: 'ustka'
	},
	lebork: {
		town: 'Lębork',
		gminaTerc: '2208011',
		powiatTerc: '2208',
		postalCode: '84-300',
		centre: 'lebork'
	},
	nowaWies: {
		town: 'Nowa Wieś Lęborska',
		gminaTerc: '2208042',
		powiatTerc: '2208',
		postalCode: '84-351',
		centre: 'lebork'
	},
	kartuzy: {
		town: 'Kartuzy',
		gminaTerc: '2205023',
		powiatTerc: '2205',
		postalCode: '83-300',
		centre: 'kartuzy'
	},
	tczew: { town: 'Tczew', gminaTerc: '2214011', powiatTerc: '2214', postalCode: '83-110', centre: 'tczew' },
	sopot: { town: 'Sopot', gminaTerc: '2264011', powiatTerc: '2264', postalCode: '81-701', centre: 'sopot' },
	gdansk: {
		town: 'Gdańsk',
		gminaTerc: '2261011',
		powiatTerc: '2261',
		postalCode: '80-831',
		centre: 'gdansk'
	},
	pruszcz: {
		town: 'Pruszcz Gdański',
		gminaTerc: '2204011',
		powiatTerc: '2204',
		postalCode: '83-000',
		centre: 'pruszcz'
	},
	kwidzyn: {
		town: 'Kwidzyn',
		gminaTerc: '2207011',
		powiatTerc: '2207',
		postalCode: '82-500',
		centre: 'kwidzyn'
	},
	rakowiec: {
		town: 'Rakowiec',
		gminaTerc: '2207032',
		powiatTerc: '2207',
		postalCode: '82-500',
		centre: 'kwidzyn'
	}
} as const satisfies Record<string, { centre: DemoCentreKey } & Record<string, string>>;

function org(
	key: OrgKey,
	place: keyof typeof PLACES,
	fields: {
		name: string;
		legalForm: LegalForm;
		street: string;
		krs: string | null;
		nip: string | null;
		regon: string | null;
		kind?: 'ngo' | 'jst';
		website?: string;
	}
): DemoOrganisation {
	const { centre: centreKey, ...where } = PLACES[place];
	return {
		id: DEMO_ORGANISATION_IDS[key],
		kind: fields.kind ?? 'ngo',
		name: fields.name,
		legalForm: fields.legalForm,
		krs: fields.krs,
		nip: fields.nip,
		regon: fields.regon,
		street: fields.street,
		...where,
		email: `${key.toLowerCase()}@demo.pl`,
		phone: null,
		website: fields.website ?? null,
		centreId: DEMO_CENTRE_IDS[centreKey]
	};
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
	org('aktywniRazem', 'slupsk', {
		name: 'Stowarzyszenie „Aktywni Razem”',
		legalForm: 'stowarzyszenie',
		street: 'ul. Wojska Polskiego 21',
		krs: '0000534595',
		nip: '8393172451',
		regon: '222207284'
	}),
	org('horyzont', 'slupsk', {
		name: 'Fundacja Rozwoju Pomorza Środkowego „Horyzont”',
		legalForm: 'fundacja',
		street: 'ul. Tuwima 4/2',
		krs: '0000765658',
		nip: '8394021180',
		regon: '228148393'
	}),
	org('smakiPomorza', 'slupsk', {
		name: 'Spółdzielnia Socjalna „Smaki Pomorza”',
		legalForm: 'spoldzielnia_socjalna',
		street: 'ul. Szczecińska 58',
		krs: '0000768230',
		nip: '8395183306',
		regon: '226283230'
	}),
	org('uksOrlik', 'slupsk', {
		name: 'Uczniowski Klub Sportowy „Orlik” Słupsk',
		legalForm: 'klub_sportowy',
		street: 'ul. Grottgera 12',
		krs: null,
		nip: '8396204714',
		regon: '223433108'
	}),
	org('kgwKobylnica', 'kobylnica', {
		name: 'Koło Gospodyń Wiejskich w Kobylnicy',
		legalForm: 'kgw',
		street: 'ul. Szkolna 3',
		krs: null,
		nip: '8397319023',
		regon: '221233279'
	}),
	org('gminaKobylnica', 'kobylnica', {
		name: 'Gmina Kobylnica',
		legalForm: 'gmina_wiejska',
		kind: 'jst',
		street: 'ul. Główna 20',
		krs: null,
		nip: '8391482265',
		regon: '220375959'
	}),
	org('ziemiaUstecka', 'ustka', {
		name: 'Stowarzyszenie Miłośników Ziemi Usteckiej',
		legalForm: 'stowarzyszenie',
		street: 'ul. Kopernika 8',
		krs: '0000548003',
		nip: '8392596137',
		regon: '228173043'
	}),
	org('ospPrzewloka', 'przewloka', {
		name: 'Ochotnicza Straż Pożarna w Przewłoce',
		legalForm: 'osp',
		street: 'Przewłoka 31',
		krs: '0000683064',
		nip: '8393607446',
		regon: '225252210'
	}),
	org('wolontariatLebork', 'lebork', {
		name: 'Fundacja „Lęborskie Centrum Wolontariatu”',
		legalForm: 'fundacja',
		street: 'ul. Staromiejska 9',
		krs: '0000525955',
		nip: '8414718057',
		regon: '223026484'
	}),
	org('sasiedziNowaWies', 'nowaWies', {
		name: 'Stowarzyszenie zwykłe „Sąsiedzi z Nowej Wsi”',
		legalForm: 'stowarzyszenie_zwykle',
		street: 'ul. Dworcowa 3',
		krs: null,
		nip: '8415829161',
		regon: '220804254'
	}),
	org('lgdSerceKaszub', 'kartuzy', {
		name: 'Stowarzyszenie Lokalna Grupa Działania „Serce Kaszub”',
		legalForm: 'lgd',
		street: 'ul. Klasztorna 2',
		krs: '0000783837',
		nip: '5896930273',
		regon: '228512025'
	}),
	org('kaszubskiDom', 'kartuzy', {
		name: 'Stowarzyszenie „Kaszubski Dom”',
		legalForm: 'stowarzyszenie',
		street: 'ul. Dworcowa 15',
		krs: '0000528278',
		nip: '5897041380',
		regon: '229289799'
	}),
	org('fundacjaMost', 'tczew', {
		name: 'Fundacja Nadwiślańska „Most”',
		legalForm: 'fundacja',
		street: 'ul. Jedności Narodu 6',
		krs: '0000372719',
		nip: '5938152491',
		regon: '227067563'
	}),
	org('powiatTczewski', 'tczew', {
		name: 'Powiat Tczewski',
		legalForm: 'powiat',
		kind: 'jst',
		street: 'ul. Piaskowa 2',
		krs: null,
		nip: '5939263502',
		regon: '224844635'
	}),
	org('srebrnaFala', 'sopot', {
		name: 'Stowarzyszenie Sopockich Seniorów „Srebrna Fala”',
		legalForm: 'stowarzyszenie',
		street: 'ul. Bohaterów Monte Cassino 40',
		krs: '0000361291',
		nip: '5851374619',
		regon: '229622402'
	}),
	org('fundacjaMolo', 'sopot', {
		name: 'Fundacja Sztuki Nadmorskiej „Molo”',
		legalForm: 'fundacja',
		street: 'ul. Grunwaldzka 11',
		krs: '0000805732',
		nip: '5852485723',
		regon: '227400175'
	}),
	org('stoczniaIdei', 'gdansk', {
		name: 'Fundacja Ekonomii Społecznej „Stocznia Idei”',
		legalForm: 'fundacja',
		street: 'ul. Długa 50',
		krs: '0000650173',
		nip: '5833596835',
		regon: '225177945'
	}),
	org('gdanskBezBarier', 'gdansk', {
		name: 'Stowarzyszenie „Gdańsk bez Barier”',
		legalForm: 'stowarzyszenie',
		street: 'ul. Piwna 3',
		krs: '0000784614',
		nip: '5844607956',
		regon: '222255716'
	}),
	org('razemLatwiej', 'pruszcz', {
		name: 'Stowarzyszenie Rodziców Dzieci z Niepełnosprawnościami „Razem Łatwiej”',
		legalForm: 'stowarzyszenie',
		street: 'ul. Obrońców Pokoju 8',
		krs: '0000625955',
		nip: '6045718059',
		regon: '220026489'
	}),
	org('powisleRazem', 'kwidzyn', {
		name: 'Fundacja „Powiśle Razem”',
		legalForm: 'fundacja',
		street: 'ul. Braterstwa Narodów 30',
		krs: '0000470396',
		nip: '5816829165',
		regon: '227804257'
	}),
	org('kgwRakowianki', 'rakowiec', {
		name: 'Koło Gospodyń Wiejskich „Rakowianki”',
		legalForm: 'kgw',
		street: 'Rakowiec 12',
		krs: null,
		nip: '5817930274',
		regon: '225512020'
	})
];

export interface DemoAccount {
	id: string;
	email: string;
	name: string;
	role: Role;
	centreId: string | null;
	organisationId: string | null;
	/** Fixed membership id, so a re-seeded database links the same way. */
	membershipId: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		id: DEMO_USER_IDS.admin,
		email: 'admin@demo.pl',
		name: 'Anna Administratorka',
		role: 'admin',
		centreId: null,
		organisationId: null,
		membershipId: '0190a000-0000-7000-8000-000000000401'
	},
	{
		id: DEMO_USER_IDS.coordinator,
		email: 'koordynator@demo.pl',
		name: 'Katarzyna Koordynatorka',
		role: 'coordinator',
		centreId: DEMO_CENTRE_IDS.slupsk,
		organisationId: null,
		membershipId: '0190a000-0000-7000-8000-000000000402'
	},
	{
		id: DEMO_USER_IDS.advisor,
		email: 'doradca@demo.pl',
		name: 'Damian Doradca',
		role: 'advisor',
		centreId: DEMO_CENTRE_IDS.slupsk,
		organisationId: null,
		membershipId: '0190a000-0000-7000-8000-000000000403'
	},
	{
		id: DEMO_USER_IDS.advisor2,
		email: 'doradca2@demo.pl',
		name: 'Dorota Doradczyni',
		role: 'advisor',
		centreId: DEMO_CENTRE_IDS.lebork,
		organisationId: null,
		membershipId: '0190a000-0000-7000-8000-000000000404'
	},
	{
		id: DEMO_USER_IDS.ngo,
		email: 'ngo@demo.pl',
		name: 'Natalia Nowak',
		role: 'ngo',
		centreId: null,
		organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
		membershipId: '0190a000-0000-7000-8000-000000000405'
	}
];

/**
 * The project's 120 h of mobile advisory a month, split across the network: the regional COP (Słupsk) 24 h,
 * each of the eight local COPs 12 h. Standing targets (every month) until a coordinator plans otherwise.
 */
export function demoMonthlyTargetMin(centreId: string): number {
	return centreId === DEMO_CENTRE_IDS.slupsk ? 24 * 60 : 12 * 60;
}

/** The network row of the project's 120 h a month (centre and advisor null), standing. */
export const DEMO_NETWORK_TARGET_MIN = 120 * 60;
export const DEMO_NETWORK_QUOTA_ID = '0190a000-0000-7000-8000-000000000499';

/**
 * The demo's project period. The real project ran September 2014 – June 2015 (migration 004 seeds that), but a demo
 * must let people log, plan and close months now: ten months, from five months before the month the demo database
 * is created to four months after it, so the current month, recent past months (to close) and a few months ahead
 * (to plan targets) all lie inside it.
 */
export function demoProjectPeriod(currentMonth: string): {
	name: string;
	startMonth: string;
	endMonth: string;
} {
	return {
		name: 'Projekt COP (demo)',
		startMonth: addMonths(currentMonth, -5),
		endMonth: addMonths(currentMonth, 4)
	};
}
