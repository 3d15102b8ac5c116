// The CLI side of a hosted command: when a running process (`serve`, `mcp`) holds the configured embedded database,
// the command runs there and its output streams back; otherwise (no socket, or a dead holder's) it runs here.
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { configFlagOptions, isInMemoryStore, loadConfig } from '../../config/index.ts';
import { StoreError } from '../../errors/index.ts';
import type { CliIo } from '../io.ts';
import { lineReader, type HostMessage } from './protocol.ts';
import { hostSocketPath } from './socket-path.ts';

/** Output lines of a long listing can be long; one message is at most a command's whole output. */
const MAX_MESSAGE_BYTES = 256 << 20;

function connectTo(path: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', failed);
      resolve(socket);
    });
    const failed = (error: NodeJS.ErrnoException) => {
      // Nobody listens (the holder died and left its socket file, or it is gone): run the command here.
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(new StoreError(`Cannot reach the process holding the database at ${path}: ${error.message}.`, { cause: error }));
    };
    socket.once('error', failed);
  });
}

/** The configured database's host socket, or null when the store is not an embedded one on disk. */
async function socketFor(args: string[], io: CliIo): Promise<string | null> {
  // Only the configuration flags matter here; the command itself checks all of them.
  const { values } = parseArgs({ args, options: configFlagOptions(), strict: false, allowPositionals: true });
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  if (config.store.engine !== 'pglite' || isInMemoryStore(config.store)) return null;
  return hostSocketPath(config.store.dataDir);
}

const environment = (env: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

/** Runs `argv` in the process holding the database; null when no process holds it (run it here). */
export async function forwardToHost(argv: string[], io: CliIo): Promise<number | null> {
  const path = await socketFor(argv.slice(1), io);
  if (!path || (process.platform !== 'win32' && !existsSync(path))) return null;
  const socket = await connectTo(path);
  if (!socket) return null;
  return new Promise<number>((resolve, reject) => {
    let exit: number | null = null;
    socket.on(
      'data',
      lineReader(
        (line) => {
          let message: HostMessage;
          try {
            message = JSON.parse(line) as HostMessage;
          } catch {
            socket.destroy(new Error('it sent a line that is not JSON'));
            return;
          }
          if ('out' in message) io.stdout(message.out);
          else if ('err' in message) io.stderr(message.err);
          else exit = message.exit;
        },
        MAX_MESSAGE_BYTES,
        () => socket.destroy(new Error('an output line past 256 MiB')),
      ),
    );
    socket.once('error', (error) => reject(new StoreError(`The process holding the database stopped answering (${error.message}); the command may or may not have run there.`, { cause: error })));
    socket.once('close', () => {
      if (exit !== null) resolve(exit);
      else reject(new StoreError('The process holding the database closed the connection before the command finished (it was stopped, or it failed: see its log); the command may or may not have run there.'));
    });
    // Written, not ended: a socket half-closed by the CLI would be closed by the host before it answers.
    socket.write(`${JSON.stringify({ argv, cwd: io.cwd, env: environment(io.env), isTty: io.isTty, ...(io.invokedAs ? { invokedAs: io.invokedAs } : {}) })}\n`);
  });
}
