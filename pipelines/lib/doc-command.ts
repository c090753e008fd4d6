import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs');

/** A pipeline command that rewrites one generated document of docs/ from the source it is written from. */
export function docCommand(command: string, doc: string, source: string, write: () => string) {
  const path = resolve(DOCS, doc);
  return {
    usage: `${command}   rewrite docs/${doc} from ${source}`,
    run: async (): Promise<number> => {
      writeFileSync(path, write());
      console.log(`wrote ${path}`);
      return 0;
    },
  };
}
