// GET /v1/users/:user/export: the store's export directory as one tar stream (application/x-tar). It is
// written to a temporary directory first (one consistent snapshot, read in one transaction by the store) and
// removed when the download ends or is abandoned. Rows keep the store's tenant-scoped user id; import them
// with `personavlm memory import <dir> --as-user <id>`.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { RouteDeps, ServerEnv } from '../server-env.ts';
import { userOf } from '../tenancy.ts';
import { tarEnd, tarHeader, tarPadding } from '../tar.ts';

async function filesOf(directory: string): Promise<string[]> {
  const top = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
  const images = (await readdir(join(directory, 'images'))).sort().map((name) => `images/${name}`);
  // The manifest first: a reader learns the format before the rows.
  return [...top.filter((name) => name === 'manifest.json'), ...top.filter((name) => name !== 'manifest.json'), ...images];
}

function tarStream(directory: string, names: string[], cleanup: () => Promise<void>): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const name = names[index++];
        if (name === undefined) {
          controller.enqueue(tarEnd());
          controller.close();
          await cleanup();
          return;
        }
        const path = join(directory, name);
        const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
        controller.enqueue(tarHeader(name, bytes.length, info.mtime));
        controller.enqueue(new Uint8Array(bytes));
        controller.enqueue(tarPadding(bytes.length));
      } catch (error) {
        controller.error(error);
        await cleanup();
      }
    },
    cancel: cleanup,
  });
}

export function exportRoutes({ persona }: RouteDeps): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/', async (c) => {
    const user = userOf(c);
    const directory = await mkdtemp(join(tmpdir(), 'personavlm-export-'));
    const cleanup = () => rm(directory, { recursive: true, force: true });
    let names: string[];
    try {
      await persona.users.export(user.internal, directory);
      names = await filesOf(directory);
    } catch (error) {
      await cleanup();
      throw error;
    }
    return c.body(tarStream(directory, names, cleanup), 200, {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${user.external}.personavlm.tar"`,
    });
  });
  return app;
}
