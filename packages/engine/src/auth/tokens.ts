import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A fresh random secret (256 bits, base64url): a session token or a CSRF token. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Whether a string can be a token made by {@link newToken}; anything else is refused before a lookup. */
export function isTokenShaped(value: string): boolean {
  return TOKEN_FORMAT.test(value);
}

/** The id under which a session is stored: the SHA-256 (hex) of its token, so the table holds no usable token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function secretsEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}
