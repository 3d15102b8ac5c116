// The browser tests' harness: a real server on a loopback port over a seeded in-memory persona, and Debian's
// chromium driven by playwright-core. When chromium is missing the tests skip with the reason (never pass).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { createPersona, type Persona } from '../../../persona.ts';
import { createServer } from '../../create-server.ts';
import { KEYS } from '../../test-support.ts';

export const CHROMIUM = process.env.PERSONAVLM_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = existsSync(CHROMIUM)
  ? null
  : `chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does) or set PERSONAVLM_CHROMIUM to a Chromium binary`;

export interface InspectorServer {
  persona: Persona;
  url: string;
  close(): Promise<void>;
}

export async function startInspectorServer(): Promise<InspectorServer> {
  const persona = createPersona({ config: { store: { dataDir: ':memory:' } }, model: null, vision: false, embedder: null });
  await persona.open();
  const app = createServer({ persona, auth: { keys: { ...KEYS } }, now: () => new Date('2026-03-16T12:00:00Z'), log: () => {} });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    persona,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await persona.close();
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

declare const axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> };

/**
 * WCAG 2 A and AA problems axe-core finds on the page now, one line each ("rule (impact): help at selector").
 * Evaluated through the DevTools protocol, which the page's CSP does not govern, so the CSP stays as served.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const { violations } = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${node.target.join(' ')}`));
}

declare const document: unknown;

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=en-GB'] });
}

/** A page whose console errors and uncaught exceptions are collected: a test asserts there are none. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return { page, errors };
}
