import { describe, expect, it } from 'vitest';
import { filenameOf } from './download.ts';

describe('filenameOf', () => {
  it('takes the UTF-8 filename* of a Content-Disposition, else its plain filename, else the fallback', () => {
    const utf8 = `attachment; filename="community-work-items-v3.xlsx"; filename*=UTF-8''${encodeURIComponent('社区工作事项清单-v3.xlsx')}`;
    expect(filenameOf(utf8, 'x.xlsx')).toBe('社区工作事项清单-v3.xlsx');
    expect(filenameOf('attachment; filename="items-v3.xlsx"', 'x.xlsx')).toBe('items-v3.xlsx');
    expect(filenameOf(`attachment; filename="a.xlsx"; filename*=UTF-8''%E0%A4`, 'x.xlsx')).toBe('a.xlsx');
    expect(filenameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
