import { randomBytes } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Random bytes drawn in blocks: one randomBytes call per id costs more than the rest of the id (seeding makes millions). */
const POOL_SIZE = 10 * 1024;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

/**
 * A UUIDv7 (RFC 9562) from a millisecond timestamp and 10 random bytes: time-ordered, so ids of
 * records created together sit together in indexes. Deterministic for the same inputs, which the
 * demo-data generators rely on.
 */
export function uuidv7FromParts(unixMs: number, random: Uint8Array): string {
  if (random.length < 10) throw new RangeError('uuidv7FromParts needs 10 random bytes');
  const bytes = new Uint8Array(16);
  let ms = Math.floor(unixMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let text = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += HEX[bytes[i] ?? 0];
  }
  return text;
}

/** A new UUIDv7 for the current time. */
export function uuidv7(): string {
  if (poolOffset + 10 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  poolOffset += 10;
  return uuidv7FromParts(Date.now(), pool.subarray(poolOffset - 10, poolOffset));
}

/** Whether a value is a lower-case UUID of any version (clients may generate ids offline). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
