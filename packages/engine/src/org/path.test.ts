import { describe, expect, it } from 'vitest';
import { childPath, subtreeRange } from './path.ts';

describe('org paths', () => {
  it('builds a path from the parent path and the code', () => {
    expect(childPath(null, '320400')).toBe('/320400/');
    expect(childPath('/320400/', '320404')).toBe('/320400/320404/');
  });

  it('gives a half-open range that holds exactly the subtree', () => {
    const range = subtreeRange('/320400/320404/');
    expect(range).toEqual({ from: '/320400/320404/', to: '/320400/3204040' });
    const inRange = (path: string) => path >= range.from && path < range.to;
    expect(inRange('/320400/320404/')).toBe(true);
    expect(inRange('/320400/320404/320404001/')).toBe(true);
    expect(inRange('/320400/320404-1/')).toBe(false);
    expect(inRange('/320400/3204041/')).toBe(false);
    expect(inRange('/320400/320402/')).toBe(false);
    expect(subtreeRange('/')).toEqual({ from: '/', to: '0' });
  });

  it('refuses a path without its trailing slash', () => {
    expect(() => subtreeRange('/320400')).toThrow(RangeError);
  });
});
