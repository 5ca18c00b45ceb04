// Puts our entry into a JSON or JSONC config with Microsoft's jsonc-parser: only the text of the
// value we set changes, so every other entry, the file's indentation, line endings and (in JSONC files)
// its comments and trailing commas stay exactly as they were.
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { ContractError } from '../../../shared/contract';

type JsonPath = (string | number)[];

export interface JsonChange {
  path: JsonPath;
  value: unknown;
  /** Insert into an array at path's last index instead of replacing. */
  insert?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function formatting(text: string): FormattingOptions {
  const indent = /^[ \t]*[{[][ \t]*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * Reads a config strictly (`strict`: JSON as the client's JSON.parse sees it) or leniently (JSONC).
 * A broken file, or comments in a strict one, is refused: guessing would destroy what the person wrote.
 */
export function readJsonConfig(file: string, text: string, strict: boolean, clientTitle: string): Record<string, unknown> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return {};
  const lenientErrors: ParseError[] = [];
  const value = parse(body, lenientErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (lenientErrors.length) {
    const first = lenientErrors[0]!;
    const line = body.slice(0, first.offset).split('\n').length;
    throw new ContractError(
      'config_invalid',
      `${file} was left unchanged because it is not valid JSON (${printParseErrorCode(first.error)} on line ${line}). Fix the file, or paste the snippet into it by hand.`,
    );
  }
  if (strict) {
    const strictErrors: ParseError[] = [];
    parse(body, strictErrors, { allowTrailingComma: false, disallowComments: true });
    if (strictErrors.length) {
      throw new ContractError(
        'config_invalid',
        `${file} was left unchanged because it has comments or trailing commas, which ${clientTitle} does not read in this file. Remove them, or paste the snippet by hand.`,
      );
    }
  }
  if (!isObject(value)) {
    throw new ContractError('config_invalid', `${file} was left unchanged because it does not hold a JSON object. Fix the file, or paste the snippet by hand.`);
  }
  return value;
}

/** Applies the changes to the text; a missing or empty file becomes a fresh, 2-space-indented one. */
export function editJsonText(text: string | null, changes: JsonChange[]): string {
  if (text === null || text.replace(/^\uFEFF/, '').trim() === '') {
    // A file we create: written the way a person would write it.
    let doc = '{}';
    for (const change of changes) doc = applyEdits(doc, modify(doc, change.path, change.value, { isArrayInsertion: change.insert ?? false }));
    return `${JSON.stringify(JSON.parse(doc), null, 2)}\n`;
  }
  const options = formatting(text);
  let out = text;
  for (const change of changes) {
    const root = parseTree(out, [], { allowTrailingComma: true })!;
    const node = findNodeAtLocation(root, change.path);
    if (node && !change.insert) {
      // Replacing our own value: jsonc-parser rewrites just that value's text, formatted in place.
      out = applyEdits(out, modify(out, change.path, change.value, { formattingOptions: options }));
    } else {
      out = insertMember(out, root, change.path, change.value, options);
    }
  }
  return out;
}

/** Start of the line that holds `offset`, and that line's leading whitespace. */
function lineOf(text: string, offset: number): { start: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { start, indent: /^[ \t]*/.exec(text.slice(start))![0] };
}

/** Where the line holding `offset` ends (before its EOL), so an insertion goes after a trailing comment. */
const lineEnd = (text: string, offset: number) => {
  const n = text.indexOf('\n', offset);
  return n < 0 ? text.length : text[n - 1] === '\r' ? n - 1 : n;
};

/**
 * Adds a new member at the end of an object or array as a person would: on its own line, indented like
 * its siblings, after any comment on the last sibling's line. jsonc-parser's own insertion reformats the
 * previous sibling's line, which would change (and reorder comments in) an entry that is not ours.
 */
function insertMember(text: string, root: Node, path: JsonPath, value: unknown, options: FormattingOptions): string {
  // The deepest container that exists; what is missing below it is created as part of the new value.
  let depth = path.length - 1;
  while (depth > 0 && !findNodeAtLocation(root, path.slice(0, depth))) depth--;
  const container = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth))!;
  let member: unknown = value;
  for (let i = path.length - 1; i > depth; i--) member = typeof path[i] === 'number' ? [member] : { [path[i] as string]: member };
  const key = container.type === 'object' ? `${JSON.stringify(path[depth])}: ` : '';
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const eol = options.eol;
  const pretty = (indent: string) => `${key}${JSON.stringify(member, null, unit)}`.split('\n').join(`${eol}${indent}`);
  const children = container.children ?? [];
  if (children.length === 0) {
    // `{}` or `[]`: open it up onto lines.
    const { indent } = lineOf(text, container.offset);
    const inner = `${indent}${unit}`;
    return `${text.slice(0, container.offset + 1)}${eol}${inner}${pretty(inner)}${eol}${indent}${text.slice(container.offset + container.length - 1)}`;
  }
  const last = children[children.length - 1]!;
  const lastEnd = last.offset + last.length;
  const { indent } = lineOf(text, last.offset);
  const after = text.slice(lastEnd);
  const trailingComma = /^\s*,/.test(after.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''));
  if (trailingComma) {
    // JSONC with a trailing comma: keep the style, the new member gets one too.
    const comma = lastEnd + after.indexOf(',');
    const at = lineEnd(text, comma);
    return `${text.slice(0, at)}${eol}${indent}${pretty(indent)},${text.slice(at)}`;
  }
  const at = lineEnd(text, lastEnd);
  const sameLine = text.slice(lastEnd, at);
  // A closing bracket on the same line (`{ "a": 1 }`): insert right there instead of after it.
  if (/[}\]]/.test(sameLine.replace(/\/\/.*$|\/\*[\s\S]*?\*\//g, ''))) {
    return `${text.slice(0, lastEnd)}, ${key}${JSON.stringify(member)}${text.slice(lastEnd)}`;
  }
  return `${text.slice(0, lastEnd)},${text.slice(lastEnd, at)}${eol}${indent}${pretty(indent)}${text.slice(at)}`;
}

/** Checks a value we are about to write under `key`: an existing non-object there is not ours to replace. */
export function objectAt(file: string, doc: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const found = doc[key];
  if (found === undefined) return undefined;
  if (!isObject(found)) {
    throw new ContractError('config_invalid', `${file} was left unchanged because its "${key}" is not a JSON object. Fix that entry, or paste the snippet by hand.`);
  }
  return found;
}
