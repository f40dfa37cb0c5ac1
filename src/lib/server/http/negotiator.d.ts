// negotiator 1.x ships no types, and @types/negotiator describes 0.6, which has no `preferred` option.
declare module 'negotiator' {
	export default class Negotiator {
		constructor(request: { headers: Record<string, string | undefined> });
		/** The best of `available` for the request's Accept-Encoding; `preferred` breaks ties of equal quality. */
		encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
	}
}
