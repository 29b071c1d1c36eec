import { describe, expect, it } from 'vitest';
import { auditPath, detailText, shortHash } from './audit-query.ts';

describe('audit query', () => {
  it('sends only the filters that are set, with the page', () => {
    expect(auditPath({}, 1, 50)).toBe('/audit?page=1&pageSize=50');
    expect(auditPath({ action: 'update', resource: '', from: '2026-11-01T00:00:00.000Z', to: undefined }, 3, 20)).toBe(
      '/audit?action=update&from=2026-11-01T00%3A00%3A00.000Z&page=3&pageSize=20',
    );
  });

  it('shortens hashes and shows details as JSON, nothing for an empty one', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab…');
    expect(shortHash('abc')).toBe('abc');
    expect(detailText(null)).toBeNull();
    expect(detailText({})).toBeNull();
    expect(detailText({ changed: ['address'] })).toBe('{\n  "changed": [\n    "address"\n  ]\n}');
  });
});
