/** Password hashing: argon2id with OWASP's minimum recommended parameters (19 MiB, 2 passes, 1 lane). */
import { hash, verify, type Options } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

const ARGON2ID = 2; // Algorithm.Argon2id; the package's const enum can't be imported under isolatedModules.

const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** False for a wrong password and for anything that isn't a hash we can read: a bad row must not become a 500. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	if (!passwordHash.startsWith('$argon2')) return false;
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
