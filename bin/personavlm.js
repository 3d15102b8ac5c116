#!/usr/bin/env node
// In a checkout, runs the TypeScript sources directly (Node >= 22.18 strips types). The published package
// ships only dist/ (Node never strips types under node_modules), so there it runs the built code.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : new URL('../dist/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
