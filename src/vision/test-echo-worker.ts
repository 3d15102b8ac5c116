// A worker for worker-client tests: starts (or refuses to), echoes, hangs or crashes on request.
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort!;
if ((workerData as { refuse?: boolean }).refuse) port.postMessage({ type: 'init-failed', message: 'no models here' });
else port.postMessage({ type: 'ready' });

port.on('message', (message: { id: number; action: 'echo' | 'hang' | 'crash'; value?: string }) => {
  if (message.action === 'echo') port.postMessage({ type: 'result', id: message.id, value: message.value });
  else if (message.action === 'crash') throw new Error('boom');
  else for (;;); // busy forever: only terminate() ends it
});
