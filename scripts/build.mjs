// Builds dist/ for the published package: a clean tsc emit (type stripping does not run under node_modules) plus
// the data files some modules read beside themselves. Runs on `npm ci` / `npm pack` (the prepare script).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The inspector's browser modules are served as they are (no bundling), from beside the server code.
const ASSETS = ['bench/scenarios/data', 'bench/scenarios/recordings', 'server/inspector/assets'];

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
for (const asset of ASSETS) if (existsSync(`src/${asset}`)) cpSync(`src/${asset}`, `dist/${asset}`, { recursive: true });
// bin/personavlm.js runs dist/ in a checkout while this stamp is newer than every source file.
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
