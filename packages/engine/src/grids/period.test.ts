import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod } from './period.ts';

describe('compliance periods', () => {
  it('reads a year, a month or a range of days, taking figures on the last day or today', () => {
    expect(parsePeriod('2025', '2026-11-20')).toEqual({ from: '2025-01-01', to: '2025-12-31', label: '2025', asOf: '2025-12-31' });
    expect(parsePeriod('2026-02', '2026-11-20')).toMatchObject({ from: '2026-02-01', to: '2026-02-28', asOf: '2026-02-28' });
    expect(parsePeriod(undefined, '2026-11-20')).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026', asOf: '2026-11-20' });
    expect(parsePeriod('2026-06-01..2026-12-31', '2026-11-20')).toMatchObject({ asOf: '2026-11-20' });
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('refuses anything else, naming the parameter in both languages', () => {
    for (const text of ['26', '2026-13', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', '2026-01-01..']) {
      expect(() => parsePeriod(text, '2026-11-20'), text).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', fieldErrors: { period: [expect.objectContaining({ en: expect.stringContaining('a year (2026)') })] } }));
    }
  });
});
