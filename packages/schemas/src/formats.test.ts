import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isChineseIdCardNumber } from './formats.ts';

describe('cn-id-card', () => {
  it('accepts a number whose check character follows GB 11643', () => {
    // The standard's worked example: 11010519491231002 → check character X.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(isChineseIdCardNumber('11010519491231002X')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isChineseIdCardNumber('110105194912310021')).toBe(false);
  });

  it('rejects impossible and future birth dates', () => {
    const feb30 = '32040419800230001';
    expect(isChineseIdCardNumber(feb30 + idCardCheckChar(feb30))).toBe(false);
    const future = `320404${new Date().getUTCFullYear() + 1}0101001`;
    expect(isChineseIdCardNumber(future + idCardCheckChar(future))).toBe(false);
  });

  it('rejects lower-case x, 15-digit numbers and stray characters', () => {
    expect(isChineseIdCardNumber('11010519491231002x')).toBe(false);
    expect(isChineseIdCardNumber('110105491231002')).toBe(false);
    expect(isChineseIdCardNumber('11010519491231002X ')).toBe(false);
  });
});
