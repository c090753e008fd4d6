import { afterAll, beforeAll } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { GOLDEN_DIR } from './engines';

/**
 * Inside a describe block: a session on the golden export on one engine (an ENGINES entry's
 * `open`), opened before its tests and closed after them. Read `.session` in a hook or test.
 */
export function goldenSession(open: () => Promise<LoadingConnector>): { session: OutcomeSession } {
  const held = {} as { conn?: LoadingConnector; session: OutcomeSession };
  beforeAll(async () => {
    held.conn = await open();
    held.session = await OutcomeSession.open(held.conn, await exportFolderFiles(GOLDEN_DIR));
  });
  afterAll(async () => held.conn?.close());
  return held;
}
