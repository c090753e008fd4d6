import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineClient } from './engine/client';

const engine = new EngineClient();
function App() {
  return <pre id="out">loading</pre>;
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
engine
  .open({ kind: 'sample', baseUrl: new URL('sample-data/', document.baseURI).href }, (p) => console.log(JSON.stringify(p)))
  .then((s) => (document.getElementById('out')!.textContent = JSON.stringify(s)))
  .catch((e) => (document.getElementById('out')!.textContent = 'ERR ' + e.message));
