import { v7 as uuidv7 } from 'uuid';

/** Record ids are UUIDv7: generated on the device (so offline records have their final id) and time-ordered. */
export function newId(): string {
	return uuidv7();
}
