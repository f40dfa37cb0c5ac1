export { ApiError, forbidden, notFound, notSignedIn } from './api-error';
export {
	endpoint,
	readBody,
	requireRole,
	requireUser,
	invalid,
	errorResponse,
	MAX_JSON_BYTES
} from './endpoint';
