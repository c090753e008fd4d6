import { EngineClient } from '../engine/client';
import { QueryManager } from './query-manager';

/** The one engine worker of the page. */
export const engine = new EngineClient();

/** Every view's queries go through this one manager (shared, cached, dropped when nobody waits). */
export const queries = new QueryManager(engine);

export const sampleSource = () => ({
  kind: 'sample' as const,
  baseUrl: new URL('sample-data/', document.baseURI).href,
});
