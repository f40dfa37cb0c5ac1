import { describe, expect, it } from 'vitest';
import {
	compareTopics,
	findTopic,
	isKnownTopic,
	MANDATORY_TOPIC_IDS,
	MODEL_PLANES,
	TOPIC_IDS,
	TOPICS,
	topicLabelKey,
	topicOrder,
	topicPlaneLabelKey,
	topicsOfPlane
} from './topics';
import { pl } from '../i18n/messages/pl';
import { en } from '../i18n/messages/en';
import { isMessageKey, translate } from '../i18n/translate';

describe('topic taxonomy', () => {
	it('has unique, stable slug ids', () => {
		expect(new Set(TOPIC_IDS).size).toBe(TOPIC_IDS.length);
		for (const id of TOPIC_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(TOPIC_IDS.slice(0, 3)).toEqual(['formalities', 'opp', 'accounting']);
	});

	it('holds the classic advisory areas of DOMAIN.md', () => {
		const classic = TOPICS.filter((t) => t.group === 'classic').map((t) => t.id);
		expect(classic).toHaveLength(18);
		expect(classic).toContain('local-government');
		expect(classic.at(-1)).toBe('other');
	});

	it('holds the Model Współpracy: 3 planes with 6 + 3 + 3 areas, 3 of them mandatory', () => {
		expect(MODEL_PLANES.map((p) => topicsOfPlane(p).length)).toEqual([6, 3, 3]);
		for (const plane of MODEL_PLANES) {
			expect(topicsOfPlane(plane).map((t) => t.area)).toEqual(topicsOfPlane(plane).map((_, i) => i + 1));
		}
		expect(TOPICS.filter((t) => t.mandatory).map((t) => t.id)).toEqual([
			'model-1-4',
			'model-2-1',
			'model-3-1'
		]);
		expect(MANDATORY_TOPIC_IDS).toEqual(['model-1-4', 'model-2-1', 'model-3-1']);
		expect(findTopic('model-1-4')).toEqual({
			id: 'model-1-4',
			group: 'model',
			plane: 1,
			area: 4,
			mandatory: true
		});
		expect(findTopic('model-2-2')).toMatchObject({ plane: 2, area: 2, mandatory: false });
	});

	it('finds and recognises topics', () => {
		expect(findTopic('accounting')).toEqual({ id: 'accounting', group: 'classic' });
		expect(findTopic('astrology')).toBeUndefined();
		expect(isKnownTopic('volunteering')).toBe(true);
		expect(isKnownTopic('Volunteering')).toBe(false);
		expect(isKnownTopic(7)).toBe(false);
		expect(isKnownTopic('toString')).toBe(false);
	});

	it('orders by taxonomy, unknown ids last and alphabetically', () => {
		expect(topicOrder('formalities')).toBe(0);
		expect(topicOrder('model-3-3')).toBe(TOPICS.length - 1);
		expect(topicOrder('zzz')).toBe(TOPICS.length);
		expect(['zeta', 'model-1-1', 'alpha', 'taxes', 'formalities'].sort(compareTopics)).toEqual([
			'formalities',
			'taxes',
			'model-1-1',
			'alpha',
			'zeta'
		]);
	});

	it('has Polish and English labels for every topic and plane', () => {
		for (const id of TOPIC_IDS) {
			const k = topicLabelKey(id);
			expect(isMessageKey(k)).toBe(true);
			expect(pl[k]).toBeTruthy();
			expect(en[k]).toBeTruthy();
		}
		for (const plane of MODEL_PLANES) expect(isMessageKey(topicPlaneLabelKey(plane))).toBe(true);
		expect(translate('pl', 'topic.model-1-4')).toMatch(/^1\.4 Konsultowanie/);
		expect(translate('en', 'topicPlane.3')).toBe('Plane 3: infrastructure of cooperation');
	});
});
