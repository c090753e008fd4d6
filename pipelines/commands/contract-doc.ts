import { contractDoc } from '../lib/contract-doc';
import { docCommand } from '../lib/doc-command';

export const { usage, run } = docCommand(
  'contract-doc',
  'export-contract.md',
  'core/contract/schema.ts',
  contractDoc,
);
