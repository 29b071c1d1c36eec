import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7, uuidv7FromParts } from './uuid.ts';

describe('uuidv7', () => {
  it('encodes the timestamp so that later ids sort after earlier ones', () => {
    const a = uuidv7FromParts(1_700_000_000_000, new Uint8Array(10).fill(255));
    const b = uuidv7FromParts(1_700_000_000_001, new Uint8Array(10));
    expect(a < b).toBe(true);
    expect(a.startsWith('018bcfe5-6800-7')).toBe(true);
  });

  it('sets version 7 and the RFC 9562 variant', () => {
    const id = uuidv7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('is deterministic for the same parts', () => {
    const random = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(uuidv7FromParts(42, random)).toBe(uuidv7FromParts(42, random));
  });

  it('rejects what is not a lower-case UUID', () => {
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('018BCFE5-6800-7FFF-BFFF-FFFFFFFFFFFF')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
