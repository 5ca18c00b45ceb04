// Writes docs/parity.md from the catalog: `npm run parity`.
import fs from 'node:fs';
import path from 'node:path';
import { catalog } from '../src/main/core/catalog';
import { renderParityTable } from '../src/main/core/catalog/parity';

fs.writeFileSync(path.resolve(import.meta.dirname, '../docs/parity.md'), renderParityTable(catalog));
