/**
 * Hours typed by a person, as a coordinator types a target: '12', '12,5' / '12.5' (decimal comma or point) or
 * '12:30' (hours and minutes). Pure; the result is whole minutes, or null for anything that is not a number of
 * hours not below zero. An empty text is `empty`, so a form can tell "no target" from a typo.
 */
export type HoursInput = { kind: 'empty' } | { kind: 'minutes'; minutes: number } | { kind: 'invalid' };

// Up to six digits: a number too big for a month is a number all the same (the form says the month's limit).
const DECIMAL = /^(\d{1,6})(?:[.,](\d{1,2}))?$/;
const CLOCK = /^(\d{1,6}):([0-5]\d)$/;

export function parseHoursInput(text: string): HoursInput {
	const typed = text.trim().replace(/\s+/g, '').replace(/h$/i, '');
	if (typed === '') return text.trim() === '' ? { kind: 'empty' } : { kind: 'invalid' };
	const clock = CLOCK.exec(typed);
	if (clock) return { kind: 'minutes', minutes: Number(clock[1]) * 60 + Number(clock[2]) };
	const decimal = DECIMAL.exec(typed);
	if (!decimal) return { kind: 'invalid' };
	const minutes = (Number(decimal[1]) + Number(`0.${decimal[2] ?? '0'}`)) * 60;
	// Two decimals of an hour are not always whole minutes (0,01 h = 0,6 min): round to the minute.
	return { kind: 'minutes', minutes: Math.round(minutes) };
}

/** Minutes back as the text a coordinator would type: '12', '12:30'. */
export function hoursInputText(minutes: number | null): string {
	if (minutes === null) return '';
	const whole = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest === 0 ? String(whole) : `${whole}:${String(rest).padStart(2, '0')}`;
}
