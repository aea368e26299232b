import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './index.css';
import { App } from './App';
import { takeEarlyWorker } from './sim/early-worker';
import { sim } from './sim/instance';
import { pageOptions } from './sim/page-options';

// The worker was started by boot.ts; the client adopts it here, once, outside React:
// StrictMode's double effects cannot fork it.
const early = takeEarlyWorker();
if (early) sim.adopt(early);
else sim.start(pageOptions(window.location.search));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
