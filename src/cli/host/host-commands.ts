// A process that holds an embedded database (`serve`, `mcp`) runs other CLI processes' commands on it: PGlite allows
// one process per data directory, so `personavlm recall …` beside a running server would otherwise be refused, and
// when handed over it answers from the server's warm views instead of starting a database (~0.5 s) of its own.
import { createServer, type Socket } from 'node:net';
import { chmod, rm } from 'node:fs/promises';
import { isInMemoryStore } from '../../config/index.ts';
import type { Persona } from '../../persona.ts';
import type { CliIo, PersonaHost } from '../io.ts';
import { isHostable, main } from '../main.ts';
import { lineReader, MAX_REQUEST_BYTES, parseRequest, type HostMessage } from './protocol.ts';
import { ensureSocketDir, hostSocketPath } from './socket-path.ts';

export interface HostedCommands {
  /** The socket CLI processes connect to. */
  path: string;
  /** Stops taking commands and waits for the ones running. */
  close(): Promise<void>;
}

function send(socket: Socket, message: HostMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}

/** Serves CLI commands on `host`'s database until closed. A no-op (null) for an in-memory or PostgreSQL store. */
export async function hostCommands(host: PersonaHost, log: (line: string) => void): Promise<HostedCommands | null> {
  const { store } = host.config;
  if (store.engine !== 'pglite' || isInMemoryStore(store)) return null;
  await ensureSocketDir();
  const path = hostSocketPath(store.dataDir);
  // A socket file left by a holder that died: this process holds the database's lock, so nobody else listens there.
  if (process.platform !== 'win32') await rm(path, { force: true });
  const running = new Set<Promise<void>>();
  let closing = false;

  const handle = (socket: Socket, line: string): void => {
    let request;
    try {
      request = parseRequest(line);
    } catch (error) {
      send(socket, { err: `error [invalid_input]: ${(error as Error).message}\n` });
      send(socket, { exit: 2 });
      socket.end();
      return;
    }
    const [name] = request.argv;
    if (closing) {
      send(socket, { err: `error [store_failed]: ${host.holder} is stopping; run the command again once it has stopped.\n` });
      send(socket, { exit: 1 });
      socket.end();
      return;
    }
    if (!name || !isHostable(name)) {
      send(socket, { err: `error [invalid_input]: "${String(name)}" is not a command the process holding the database runs for others.\n` });
      send(socket, { exit: 2 });
      socket.end();
      return;
    }
    // The CLI went away (`| head`, Ctrl-C): a read still finishes, unheard; a long command (ingest) stops at its next
    // turn, keeping what it stored.
    const gone = new AbortController();
    socket.once('close', () => gone.abort(new Error('the CLI process that asked for the command went away')));
    const io: CliIo = {
      signal: gone.signal,
      stdout: (text) => send(socket, { out: text }),
      stderr: (text) => send(socket, { err: text }),
      isTty: request.isTty,
      env: request.env,
      cwd: request.cwd,
      ...(request.invokedAs ? { invokedAs: request.invokedAs } : {}),
      host,
    };
    const done = main(request.argv, io).then(
      (code) => {
        send(socket, { exit: code });
        socket.end();
      },
      (error: unknown) => {
        log(`hosted command failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      },
    );
    running.add(done);
    void done.finally(() => running.delete(done));
  };

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    let received = false;
    socket.on('error', () => socket.destroy()); // the CLI went away (`| head`, Ctrl-C)
    socket.on(
      'data',
      lineReader(
        (line) => {
          if (received) return;
          received = true;
          handle(socket, line);
        },
        MAX_REQUEST_BYTES,
        () => socket.destroy(),
      ),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') await chmod(path, 0o600);
  return {
    path,
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
      for (const socket of sockets) socket.destroy(); // connected, never sent a command
      await closed;
    },
  };
}

/**
 * `serve` and `mcp`: host the CLI commands on `persona`'s database for as long as they run. When that cannot be set up
 * the process still serves; stderr says that CLI commands on this database are refused meanwhile, and why.
 */
export async function hostCliCommands(persona: Persona, command: string, io: CliIo): Promise<HostedCommands | null> {
  const log = (line: string) => io.stderr(`${line}\n`);
  try {
    return await hostCommands({ persona, config: persona.config, holder: `${command} (pid ${process.pid})` }, log);
  } catch (error) {
    log(`warning [cli_host_failed]: CLI commands on this database (recall, memory, turns, …) are refused while this process runs: their socket could not be set up (${error instanceof Error ? error.message : String(error)}).`);
    return null;
  }
}
