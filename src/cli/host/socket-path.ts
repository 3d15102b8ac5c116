// Where the process that holds an embedded database listens for CLI commands: one socket per data directory, in a
// directory only this OS user can enter (as tmux does), so reaching the socket is proof of being that user.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { chmod, lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreError } from '../../errors/index.ts';

/** The data directory as both sides name it: absolute, through symbolic links when it exists. */
function canonical(dataDir: string): string {
  const absolute = resolve(dataDir);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

const uid = (): string => String(process.getuid?.() ?? 'user');

/** The private directory the sockets live in (not created here). */
export const socketDir = (): string => join(tmpdir(), `personavlm-${uid()}`);

/**
 * The socket of the process holding `dataDir`. Named by a digest of the directory: a data directory's own path may
 * be longer than a Unix socket path may be (108 bytes), and a named pipe is the Windows form of the same thing.
 */
export function hostSocketPath(dataDir: string): string {
  const digest = createHash('sha256').update(canonical(dataDir)).digest('hex').slice(0, 24);
  if (process.platform === 'win32') return `\\\\.\\pipe\\personavlm-${uid()}-${digest}`;
  return join(socketDir(), `${digest}.sock`);
}

/** Creates the socket directory, or checks one that exists is ours and closed to everyone else. */
export async function ensureSocketDir(): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = socketDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  const mine = process.getuid?.();
  if (!info.isDirectory() || (mine !== undefined && info.uid !== mine)) {
    throw new StoreError(`${dir} is not a directory of this user; CLI commands cannot be handed to this process safely. Remove it, or set TMPDIR to a private directory.`, { details: { dir } });
  }
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}
