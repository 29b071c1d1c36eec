import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.ts';
import { createFieldCipher, ENCRYPTED_PREFIX, fieldCipherFromKey, isEncrypted, parseDataKey } from './cipher.ts';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

describe('parseDataKey', () => {
  it('reads 32 bytes written as hex, base64 or base64url', () => {
    expect(parseDataKey(KEY.toString('hex'))).toEqual(KEY);
    expect(parseDataKey(KEY.toString('base64'))).toEqual(KEY);
    expect(parseDataKey(` ${KEY.toString('base64url')}\n`)).toEqual(KEY);
  });

  it('refuses anything else with a bilingual message naming the variable', () => {
    for (const text of ['secret', KEY.subarray(0, 16).toString('hex'), randomBytes(33).toString('base64')]) {
      const error = (() => {
        try {
          parseDataKey(text);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).text['zh-CN']).toContain('ZHILI_DATA_KEY');
      expect((error as EngineError).text.en).toContain('32-byte');
    }
  });

  it('means no encryption when the variable is unset or empty', () => {
    expect(fieldCipherFromKey(undefined)).toBeNull();
    expect(fieldCipherFromKey('  ')).toBeNull();
    expect(fieldCipherFromKey(KEY.toString('hex'))).not.toBeNull();
  });
});

describe('FieldCipher', () => {
  const cipher = createFieldCipher(KEY);

  it('encrypts with a random IV into the versioned text format and decrypts back', () => {
    const a = cipher.encrypt('320404198001010018', 'residents.idNumber');
    const b = cipher.encrypt('320404198001010018', 'residents.idNumber');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(isEncrypted(a)).toBe(true);
    expect(a).not.toContain('320404');
    expect(cipher.decrypt(a, 'residents.idNumber')).toBe('320404198001010018');
    expect(cipher.decrypt(cipher.encrypt('', 'x.y'), 'x.y')).toBe('');
    expect(cipher.decrypt(cipher.encrypt('张三', 'x.y'), 'x.y')).toBe('张三');
  });

  it('refuses an altered value, one copied into another field, and another key', () => {
    const stored = cipher.encrypt('13812345678', 'households.phone');
    const flipped = `${stored.slice(0, -2)}${stored.endsWith('A') ? 'B' : 'A'}${stored.slice(-1)}`;
    expect(() => cipher.decrypt(flipped, 'households.phone')).toThrow(EngineError);
    expect(() => cipher.decrypt(stored, 'residents.phone')).toThrow(/altered|key/);
    expect(() => createFieldCipher(randomBytes(32)).decrypt(stored, 'households.phone')).toThrow(EngineError);
    expect(() => cipher.decrypt(`${ENCRYPTED_PREFIX}abc`, 'households.phone')).toThrow(EngineError);
  });

  it('hashes a value the same way every time, differently per key, without revealing it', () => {
    expect(cipher.hash('13812345678')).toBe(cipher.hash('13812345678'));
    expect(cipher.hash('13812345678')).not.toBe(cipher.hash('13812345679'));
    expect(createFieldCipher(randomBytes(32)).hash('13812345678')).not.toBe(cipher.hash('13812345678'));
    expect(cipher.hash('13812345678')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
