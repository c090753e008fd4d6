import { docCommand } from '../lib/doc-command';
import { measuresDoc } from '../lib/measures-doc';

export const { usage, run } = docCommand(
  'measures-doc',
  'measures.md',
  'core/catalogue/definitions.ts',
  measuresDoc,
);
