#!/usr/bin/env node
// Runs the CLI. Installed, the package ships only dist/ (Node never strips types under node_modules). In a checkout
// it runs dist/ too when that build is newer than every source file (npm ci builds it; plain JavaScript starts
// ~150 ms faster than stripping types from the sources), and the TypeScript sources otherwise, or when
// PERSONAVLM_FROM_SOURCE=1.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src/cli/main.ts');
const built = join(root, 'dist/cli/main.js');
const stamp = join(root, 'dist/.build-stamp');
const inCheckout = existsSync(source);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  // One line instead of a stack trace: say what to run instead.
  process.stderr.write(
    `personavlm needs Node >= 22.18 (this is ${process.version}). ` +
      (inCheckout
        ? 'In this checkout, `npm ci` installs one: run `npm run personavlm -- <command>` (e.g. `npm run demo`), or put ./node_modules/.bin first on PATH.\n'
        : 'Install Node 22 or newer (https://nodejs.org, or `npm install --prefix .tools node@22`).\n'),
  );
  process.exit(1);
}

/** The newest modification time of any file under dir (a few hundred stats: milliseconds). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function builtIsFresh() {
  if (process.env.PERSONAVLM_FROM_SOURCE === '1' || !existsSync(stamp) || !existsSync(built)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return builtAt >= newest(join(root, 'src')) && builtAt >= statSync(join(root, 'package.json')).mtimeMs;
}

// V8's compiled code of the modules, kept on disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE; off with
// NODE_DISABLE_COMPILE_CACHE=1): every command after the first skips compiling ~0.2 s of JavaScript.
nodeModule.enableCompileCache();

const entry = !inCheckout || builtIsFresh() ? built : source;
const { main } = await import(new URL(`file://${entry}`).href);
process.exitCode = await main(process.argv.slice(2));
