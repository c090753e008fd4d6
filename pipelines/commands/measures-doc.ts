import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measuresDoc } from '../lib/measures-doc';

export const usage = 'measures-doc   rewrite docs/measures.md from core/catalogue/definitions.ts';

export const MEASURES_DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/measures.md');

export async function run(): Promise<number> {
  writeFileSync(MEASURES_DOC, measuresDoc());
  console.log(`wrote ${MEASURES_DOC}`);
  return 0;
}
