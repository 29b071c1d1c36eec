import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from './password.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt with its parameters and a per-user salt, never the password', async () => {
    const hash = await hashPassword('长城-Great-Wall-1', CHEAP);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('Great');
    const again = await hashPassword('长城-Great-Wall-1', CHEAP);
    expect(again).not.toBe(hash);
    expect(again.split('$')[4]).not.toBe(hash.split('$')[4]);
  });

  it('accepts the right password and refuses a wrong one, a near miss and an empty one', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('Correct horse', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treats Unicode compositions of the same text as the same password', async () => {
    const hash = await hashPassword('caf\u00e9-密码', CHEAP);
    expect(await verifyPassword('cafe\u0301-密码', hash)).toBe(true);
  });

  it('never matches a malformed or foreign hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$99$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(await verifyPassword('plain', stored), stored).toBe(false);
    }
  });

  it('tells when a hash was made with other parameters than the current ones', async () => {
    expect(needsRehash(await hashPassword('x', CHEAP))).toBe(true);
    expect(needsRehash(await hashPassword('x', CHEAP), CHEAP)).toBe(false);
    expect(DEFAULT_SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
  });
});
