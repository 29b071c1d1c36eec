import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters; stored with every hash, so they can be raised without invalidating old hashes. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelization. */
  readonly p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and some tens of milliseconds per hash on a server core —
 * above the OWASP minimum for scrypt (2^13 with r = 8 and p = 5 is its equivalent).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';
const MAX_COST_LOG2 = 20;

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes = KEY_BYTES): Promise<Buffer> {
  // node's default maxmem (32 MiB) is exactly 128·N·r at the default cost; leave headroom.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a fresh random salt:
 * `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>`.
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return [PREFIX, Math.log2(params.N), params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const HASH_FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,86})$/;

function parseHash(stored: string): ParsedHash | null {
  const match = HASH_FORMAT.exec(stored);
  if (!match) return null;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 1 || logN > MAX_COST_LOG2 || r < 1 || p < 1) return null;
  return { params: { N: 2 ** logN, r, p }, salt: Buffer.from(match[4] ?? '', 'base64url'), key: Buffer.from(match[5] ?? '', 'base64url') };
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}, compared in constant time. A
 * malformed hash never matches (and still costs a hash, so it takes as long as a real check).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) {
    await derive(password, randomBytes(SALT_BYTES), DEFAULT_SCRYPT_PARAMS);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with other parameters than `params` (and should be redone at the next login). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p;
}
