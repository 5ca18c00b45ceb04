import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../src/main/core/catalog';
import { PARITY_TOOLS, renderParityTable } from '../../../../src/main/core/catalog/parity';

describe("parity with PagerDuty's official MCP server", () => {
  it('implements every one of the 103 tools under the same name and class', () => {
    const ours = new Map(catalog.map((t) => [t.name, t.toolClass]));
    const missing = PARITY_TOOLS.filter(([name]) => !ours.has(name)).map(([name]) => name);
    expect(missing).toEqual([]);
    const classMismatch = PARITY_TOOLS.filter(([name, , cls]) => ours.get(name) !== cls).map(([name]) => name);
    expect(classMismatch).toEqual([]);
    expect(PARITY_TOOLS).toHaveLength(103);
  });

  it('keeps docs/parity.md in step with the catalog (run `npm run parity`)', () => {
    const file = path.resolve(import.meta.dirname, '../../../../docs/parity.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderParityTable(catalog));
  });
});
