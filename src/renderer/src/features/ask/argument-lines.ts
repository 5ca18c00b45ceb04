// The prompt's arguments as the lines of their JSON (exactly JSON.stringify(args, null, 2)), each value
// line carrying the name of the id on it, so "PINC0042" shows up next to "#42 Database down".
import type { AskIdLabel } from '../../../../shared/model';

export interface ArgumentLine {
  text: string;
  /** Where in the arguments this line's value is ("incident_ids[3]"); null for brackets. */
  path: string | null;
  label: AskIdLabel | null;
}

export function argumentLines(args: Record<string, unknown>, labels: AskIdLabel[] = []): ArgumentLine[] {
  const byPath = new Map(labels.map((l) => [l.path, l]));
  const lines: ArgumentLine[] = [];
  const walk = (value: unknown, depth: number, prefix: string, at: string, comma: string) => {
    const pad = '  '.repeat(depth);
    const open = (text: string) => lines.push({ text: `${pad}${prefix}${text}`, path: null, label: null });
    const close = (text: string) => lines.push({ text: `${pad}${text}${comma}`, path: null, label: null });
    if (Array.isArray(value)) {
      if (value.length === 0) return void lines.push({ text: `${pad}${prefix}[]${comma}`, path: at, label: null });
      open('[');
      value.forEach((item, i) => walk(item, depth + 1, '', `${at}[${i}]`, i < value.length - 1 ? ',' : ''));
      return close(']');
    }
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return void lines.push({ text: `${pad}${prefix}{}${comma}`, path: at, label: null });
      open('{');
      entries.forEach(([k, v], i) => walk(v, depth + 1, `${JSON.stringify(k)}: `, at ? `${at}.${k}` : k, i < entries.length - 1 ? ',' : ''));
      return close('}');
    }
    lines.push({ text: `${pad}${prefix}${JSON.stringify(value)}${comma}`, path: at, label: byPath.get(at) ?? null });
  };
  walk(args, 0, '', '', '');
  return lines;
}
