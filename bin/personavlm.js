#!/usr/bin/env node
// In a checkout, runs the TypeScript sources directly (Node >= 22.18 strips types). The published package
// ships only dist/ (Node never strips types under node_modules), so there it runs the built code.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
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
const { main } = await import(inCheckout ? source.href : new URL('../dist/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
