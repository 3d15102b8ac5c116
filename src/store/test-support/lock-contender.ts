// A child process of the lock stress tests: waits for a shared start time, then contends for a lock.
//   node lock-contender.ts lock <lockPath> <startAtMs> <holdMs>
//   node lock-contender.ts store <dataDir> <startAtMs> <turns>
// Prints one JSON line: {"got": true|false, ...}.
import { DirectoryLock } from '../directory-lock.ts';
import { PgliteStore } from '../pglite-store.ts';

const [mode, target, startAt, amount] = process.argv.slice(2);
const wait = Number(startAt) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

if (mode === 'lock') {
  const lock = new DirectoryLock(target!);
  try {
    await lock.acquire();
  } catch (error) {
    console.log(JSON.stringify({ got: false, error: (error as Error).message }));
    process.exit(0);
  }
  const at = Date.now();
  await new Promise((resolve) => setTimeout(resolve, Number(amount)));
  await lock.release();
  console.log(JSON.stringify({ got: true, from: at, to: Date.now() }));
} else {
  const store = new PgliteStore({ dataDir: target! });
  try {
    await store.open();
  } catch (error) {
    console.log(JSON.stringify({ got: false, error: (error as Error).message }));
    process.exit(0);
  }
  const session = await store.sessions.create('u', new Date('2026-01-01T00:00:00Z'));
  for (let n = 0; n < Number(amount); n++) {
    await store.turns.append('u', { sessionId: session.id, role: 'user', text: `turn ${process.pid} ${n}`, at: new Date(Date.UTC(2026, 0, 1, 0, n)) });
  }
  await store.close();
  console.log(JSON.stringify({ got: true, pid: process.pid }));
}
