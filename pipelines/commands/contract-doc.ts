import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractDoc } from '../lib/contract-doc';

export const usage = 'contract-doc   rewrite docs/export-contract.md from core/contract/schema.ts';

export const CONTRACT_DOC = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/export-contract.md');

export async function run(): Promise<number> {
  writeFileSync(CONTRACT_DOC, contractDoc());
  console.log(`wrote ${CONTRACT_DOC}`);
  return 0;
}
