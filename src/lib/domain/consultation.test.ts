import { describe, expect, it } from 'vitest';
import {
	awaitsSignature,
	PLACE_KINDS,
	CONSULTATION_STATUSES,
	previousAgreement,
	type ConsultationStatus
} from './consultation';

const visit = (
	id: string,
	date: string,
	startTime: string,
	followUps: string,
	status: ConsultationStatus = 'signed'
) => ({
	id,
	date,
	startTime,
	followUps,
	status
});

describe('previousAgreement', () => {
	const history = [
		visit('a', '2026-09-01', '09:00', 'Przesłać wzór statutu'),
		visit('b', '2026-10-19', '10:30', 'Sprawdzić sprawozdanie finansowe', 'approved'),
		visit('c', '2026-11-04', '12:00', '   '),
		visit('d', '2026-11-20', '09:00', 'Szkic: niedokończone', 'draft'),
		visit('e', '2026-10-19', '08:00', 'Wcześniej tego samego dnia', 'completed')
	];

	it('is the latest finished visit with follow-ups written down, whatever the order of the list', () => {
		expect(previousAgreement(history)?.id).toBe('b');
		expect(previousAgreement([...history].reverse())?.id).toBe('b');
	});

	it('for a visit being logged: visits up to its day only, never its own card', () => {
		expect(previousAgreement(history, { id: 'x', date: '2026-10-19' })?.id).toBe('b');
		expect(previousAgreement(history, { id: 'x', date: '2026-10-18' })?.id).toBe('a');
		expect(previousAgreement(history, { id: 'b', date: '2026-12-01' })?.id).toBe('e');
		expect(previousAgreement(history, { id: 'x', date: '2026-08-31' })).toBeUndefined();
	});

	it('is nothing when no finished visit has follow-ups', () => {
		expect(previousAgreement([])).toBeUndefined();
		expect(previousAgreement([history[2]!, history[3]!])).toBeUndefined();
	});
});

describe('awaitsSignature', () => {
	it('is a completed card held on the premises or at the centre, not a remote one nor any other status', () => {
		const awaiting = PLACE_KINDS.flatMap((placeKind) =>
			CONSULTATION_STATUSES.filter((status) => awaitsSignature({ status, placeKind })).map(
				(status) => `${status} ${placeKind}`
			)
		);
		expect(awaiting).toEqual(['completed mobile', 'completed centre']);
	});
});
