import { describe, expect, it } from 'vitest';
import { nextThemeChoice, readThemeChoice, resolveTheme, saveThemeChoice } from '../../../../src/renderer/src/ui/theme';

const memory = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
};

describe('theme', () => {
  it('follows the system until the person picks, then remembers the pick', () => {
    const storage = memory();
    expect(readThemeChoice(storage)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    const next = nextThemeChoice('system', true);
    expect(next).toBe('light');
    saveThemeChoice(storage, next);
    expect(readThemeChoice(storage)).toBe('light');
    expect(resolveTheme(readThemeChoice(storage), true)).toBe('light');
  });

  it('ignores junk in storage and survives storage that throws', () => {
    expect(readThemeChoice({ getItem: () => 'purple' })).toBe('system');
    expect(() => saveThemeChoice({ setItem: () => { throw new Error('quota'); } }, 'dark')).not.toThrow();
  });
});
