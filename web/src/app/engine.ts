import { EngineClient } from '../engine/client';

/** The one engine worker of the page. */
export const engine = new EngineClient();

export const sampleSource = () => ({
  kind: 'sample' as const,
  baseUrl: new URL('sample-data/', document.baseURI).href,
});
