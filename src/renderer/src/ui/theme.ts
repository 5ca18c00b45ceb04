// Light/dark: follow the system until the person picks one; the pick is remembered on this machine.
export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'pdmcp.theme';

export function readThemeChoice(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  const value = storage?.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** Toggling from "system" goes to the opposite of what is showing, so one click always changes it. */
export function nextThemeChoice(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  return resolveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
}

export function saveThemeChoice(storage: Pick<Storage, 'setItem'> | null, choice: ThemeChoice): void {
  try {
    storage?.setItem(KEY, choice);
  } catch {
    /* storage full or blocked: the choice lasts for this session only */
  }
}
