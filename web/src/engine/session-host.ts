import type { ExportFile } from '../../../core/engine/connector';
import type { LoadProgress } from './protocol';
import type { BrowserWasmConnector } from './wasm-browser';

export interface HostedSession {
  summary(): unknown;
  call(method: string, args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Provisional until core/measures/session.ts lands: loads the Parquet files as they are. */
export async function openHostedSession(
  conn: BrowserWasmConnector,
  files: ExportFile[],
  progress: (p: LoadProgress) => void,
): Promise<HostedSession> {
  const tables: { name: string; rows: number }[] = [];
  for (const f of files.filter((x) => x.name.endsWith('.parquet'))) {
    const name = f.name.replace(/\.parquet$/, '');
    progress({ step: 'loading', detail: name });
    tables.push({ name, rows: await conn.loadParquet(f, `src_${name}`) });
  }
  if (!tables.some((t) => t.name === 'episodes')) throw new Error('episodes.parquet is missing.');
  return {
    summary: () => ({ tables }),
    call: async (method, args) => {
      if (method === 'query') return conn.query(args[0] as string);
      throw new Error(`unknown method ${method}`);
    },
    close: () => conn.close(),
  };
}
