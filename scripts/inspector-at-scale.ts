// A user with many turns in the inspector, in Debian's chromium: seeds N turns (default 100,000) with the bulk
// append into an in-memory store, then opens the overview, the newest and the oldest timeline page and a jump to a
// date, and prints how long each took to show. Usage: node scripts/inspector-at-scale.ts [turns]
import { ACME } from '../src/server/test-support.ts';
import { CHROMIUM_MISSING, launchChromium, openPage, startInspectorServer } from '../src/server/inspector/test-support/browser.ts';
import { seedManyTurns } from '../src/server/inspector/test-support/seed.ts';

/** The timeline's page size (assets/views/timeline.js). */
const PAGE_SIZE = 50;

if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
const count = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(count) || count < PAGE_SIZE * 2) throw new Error(`Give a number of turns of at least ${PAGE_SIZE * 2}, got "${process.argv[2]}".`);
const server = await startInspectorServer();
const browser = await launchChromium();
try {
  let started = performance.now();
  const lap = (what: string) => {
    console.log(`${what}: ${Math.round(performance.now() - started)} ms`);
    started = performance.now();
  };
  await seedManyTurns(server.persona, 'acme:big', count, 200);
  lap(`stored ${count.toLocaleString('en')} turns`);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/inspector`);
  await page.getByLabel('API key').fill(ACME);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('link', { name: 'big' }).click();
  started = performance.now();
  await page.locator('.summary').waitFor();
  lap(`overview ("${await page.locator('.summary').innerText()}")`);
  await page.getByRole('link', { name: 'Timeline' }).click();
  await page.locator('.pager .position', { hasText: `turns #${count - PAGE_SIZE + 1}–#${count}` }).waitFor();
  lap('newest page');
  await page.getByRole('button', { name: 'Oldest' }).click();
  await page.locator('.pager .position', { hasText: `turns #1–#${PAGE_SIZE}` }).waitFor();
  lap('oldest page');
  await page.getByLabel('Jump to date').fill('2025-06-01');
  await page.getByRole('button', { name: 'Go' }).click();
  await page.locator('.pager .position', { hasNotText: `turns #1–#${PAGE_SIZE}` }).waitFor();
  lap(`jump to 1 Jun 2025 (${await page.locator('.pager .position').innerText()}, first: ${await page.locator('.turn .turn-meta').first().innerText()})`);
  if (errors.length > 0) throw new Error(`The page logged errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
