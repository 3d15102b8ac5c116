// The inspector: a browser app over the REST API, served as static files with no build step. Its own modules sit
// in ./assets (shipped in the package: scripts/build.mjs copies them to dist/); Preact+htm and uPlot are served
// from the installed packages, so it works offline and with no CDN. Every deep link (/inspector/users/:id/…)
// gets the same page, which routes in the browser; the data comes from /v1 with the key the person enters.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { ServerEnv } from '../server-env.ts';

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** The folder of an installed package: up from its entry point to its package.json (htm does not export that). */
function packageDir(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`The installed package ${name} has no package.json above its entry point.`);
    dir = parent;
  }
  return dir;
}

/** Files of installed packages the page imports, by the name it imports them under. */
const VENDOR: Record<string, () => string> = {
  'htm-preact.js': () => join(packageDir('htm'), 'preact', 'standalone.mjs'),
  'uplot.js': () => join(packageDir('uplot'), 'dist', 'uPlot.esm.js'),
  'uplot.css': () => join(packageDir('uplot'), 'dist', 'uPlot.min.css'),
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Scripts and styles from this server only; images are blob: URLs made from authenticated fetches.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' blob: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const ASSET_NAME = /^[a-z0-9-]+(\/[a-z0-9-]+)?\.(js|css|svg)$/;

export function inspectorRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const cache = new Map<string, Promise<Buffer>>();
  const read = (path: string): Promise<Buffer> => {
    let bytes = cache.get(path);
    if (!bytes) {
      bytes = readFile(path);
      cache.set(path, bytes);
      bytes.catch(() => cache.delete(path));
    }
    return bytes;
  };
  const file = async (path: string, name: string) => new Response(new Uint8Array(await read(path)), {
    headers: { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
  const page = async () => {
    const response = await file(join(ASSETS, 'index.html'), 'index.html');
    response.headers.set('content-security-policy', CSP);
    return response;
  };

  app.get('/favicon.ico', () => file(join(ASSETS, 'favicon.svg'), 'favicon.svg'));
  app.get('/inspector/vendor/:name', (c) => {
    const name = c.req.param('name');
    const path = VENDOR[name];
    return path ? file(path(), name) : c.notFound();
  });
  app.get('/inspector/assets/*', (c) => {
    const name = c.req.path.slice('/inspector/assets/'.length);
    if (!ASSET_NAME.test(name)) return c.notFound();
    return file(join(ASSETS, name), name).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return c.notFound();
      throw error;
    });
  });
  app.get('/inspector', page);
  app.get('/inspector/', page);
  app.get('/inspector/users/*', page);
  return app;
}
