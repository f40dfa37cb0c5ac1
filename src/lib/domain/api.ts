/** The shape of every refusal the API sends: a stable code, a message in the user's language, field messages. */
export interface ApiErrorBody {
	error: { code: string; message: string; fields?: Record<string, string> };
}
