// One library process of the soak test (run as a child: node library-writer.ts <dataDir> <modelBaseUrl> <user>
// <marker>...). It shares one PGlite directory with other writers: it waits for the directory lock, records a few
// of its turns (each with its marker as the client's id, so a retry after a kill never stores it twice), runs the
// update jobs, closes and lets the others in, until every marker is acknowledged. "ack <marker>" is printed only
// after recordTurn returned: the parent counts those as acknowledged writes.
import { createPersona } from '../../persona.ts';
import { PersonaError } from '../../errors/index.ts';

const [dataDir, baseUrl, userId, ...markers] = process.argv.slice(2);
// No markers: a writer killed after its last acknowledgement comes back only to run the update jobs and finish.
if (!dataDir || !baseUrl || !userId) throw new Error('usage: library-writer.ts <dataDir> <modelBaseUrl> <user> [<marker>...]');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BATCH = 4;
const START = Date.UTC(2026, 0, 5, 9, 0);

let next = 0;
let drained = false;
while (next < markers.length || !drained) {
  const persona = createPersona({
    config: { store: { engine: 'pglite', dataDir }, model: { baseUrl, modelId: 'soak', maxRetries: 0 } },
    vision: false,
    embedder: null,
  });
  try {
    await persona.open();
  } catch (error) {
    // Another writer holds the directory: wait for it to finish its batch (or to be killed).
    if (PersonaError.isInstance(error) && /in use by process/.test(error.message)) {
      await sleep(20 + Math.random() * 60);
      continue;
    }
    throw error;
  }
  process.stdout.write('opened\n');
  try {
    for (const marker of markers.slice(next, next + BATCH)) {
      const n = Number(marker.split('-').at(-1));
      await persona.recordTurn({ userId, role: 'user', text: `Note ${marker}: remember this one.`, at: new Date(START + n * 1000), externalId: marker });
      process.stdout.write(`ack ${marker}\n`);
      next += 1;
    }
    await persona.drain(userId);
    drained = next >= markers.length;
  } finally {
    await persona.close();
  }
  await sleep(Math.random() * 40);
}
process.stdout.write('finished\n');
