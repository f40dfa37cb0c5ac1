/**
 * The default topic taxonomy: classic NGO advisory areas (DOMAIN.md) and the areas of the Model Współpracy
 * (3 planes: 6 + 3 + 3 areas, three of them mandatory in the project). Ids are stable slugs stored in records and
 * exports, so they never change; labels live in the i18n catalogue as `topic.<id>` and `topicPlane.<n>`.
 */
import type { MessageKey } from '../i18n/translate';

export type TopicGroup = 'classic' | 'model';
export type ModelPlane = 1 | 2 | 3;

export interface Topic {
	id: TopicId;
	group: TopicGroup;
	/** Model topics only: the plane (płaszczyzna) and the area (obszar) number within it. */
	plane?: ModelPlane;
	area?: number;
	/** Model topics only: one of the three areas every local government must implement in the project. */
	mandatory?: boolean;
}

const CLASSIC_IDS = [
	'formalities',
	'opp',
	'accounting',
	'taxes',
	'paid-activity',
	'employment',
	'volunteering',
	'fundraising',
	'grant-sources',
	'applications',
	'grant-settlement',
	'local-government',
	'promotion',
	'management',
	'data-protection',
	'social-economy',
	'partnerships',
	'other'
] as const;

const MODEL_IDS = [
	'model-1-1',
	'model-1-2',
	'model-1-3',
	'model-1-4',
	'model-1-5',
	'model-1-6',
	'model-2-1',
	'model-2-2',
	'model-2-3',
	'model-3-1',
	'model-3-2',
	'model-3-3'
] as const;

export type TopicId = (typeof CLASSIC_IDS)[number] | (typeof MODEL_IDS)[number];

export const MODEL_PLANES: readonly ModelPlane[] = [1, 2, 3];

/** Mandatory in the project: 1.4 consulting draft acts, 2.1 financial forms, 3.1 the support system. */
export const MANDATORY_TOPIC_IDS: readonly TopicId[] = ['model-1-4', 'model-2-1', 'model-3-1'];

function modelTopic(id: (typeof MODEL_IDS)[number]): Topic {
	const [, plane, area] = id.split('-').map(Number) as [number, ModelPlane, number];
	return { id, group: 'model', plane, area, mandatory: MANDATORY_TOPIC_IDS.includes(id) };
}

/** In taxonomy order: the order of pickers, reports and the remainder minutes in per-topic sums. */
export const TOPICS: readonly Topic[] = [
	...CLASSIC_IDS.map((id): Topic => ({ id, group: 'classic' })),
	...MODEL_IDS.map(modelTopic)
];

export const TOPIC_IDS: readonly TopicId[] = TOPICS.map((t) => t.id);

const topicById = new Map<string, Topic>(TOPICS.map((t) => [t.id, t]));
const orderById = new Map<string, number>(TOPICS.map((t, i) => [t.id, i]));

export function findTopic(id: string): Topic | undefined {
	return topicById.get(id);
}

export function isKnownTopic(id: unknown): id is TopicId {
	return typeof id === 'string' && topicById.has(id);
}

/** Position in the taxonomy; ids not in it (a centre's own topics, old ids) sort after every known one. */
export function topicOrder(id: string): number {
	return orderById.get(id) ?? TOPICS.length;
}

/** Sorts topic ids in taxonomy order, unknown ones last and alphabetically, so the result is always stable. */
export function compareTopics(a: string, b: string): number {
	return topicOrder(a) - topicOrder(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function topicLabelKey(id: TopicId): MessageKey {
	return `topic.${id}`;
}

export function topicPlaneLabelKey(plane: ModelPlane): MessageKey {
	return `topicPlane.${plane}`;
}

export function topicsOfPlane(plane: ModelPlane): Topic[] {
	return TOPICS.filter((t) => t.plane === plane);
}
