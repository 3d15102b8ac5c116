// A user with a long history in the inspector, in Debian's chromium, checked for loss: seeds N turns (default
// 100,000; a distinct analysed photo on every 100th, Ana's face on every 10th photo) and M memories (default
// 10,000) into an in-memory store, then
//   - in the browser: the overview with her faces, the newest and the oldest timeline page with their photos decoded,
//     a jump to a date, the memories' first and last page and a search that finds one memory among all of them;
//   - over the API the page uses: every turn once from the newest to the oldest page, every photo on its turn and its
//     bytes served with the sha256 they were stored under, every memory once page by page.
// It prints how long each took and fails on the first thing lost or a console error.
// Usage: node scripts/inspector-at-scale.ts [turns] [memories]
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ACME } from '../src/server/test-support.ts';
import { CHROMIUM_MISSING, launchChromium, openPage, startInspectorServer } from '../src/server/inspector/test-support/browser.ts';
import { seedManyMemories, seedManyTurns } from '../src/server/inspector/test-support/seed.ts';

/** The timeline's and the memories' page sizes (assets/views/timeline.js, memories.js). */
const TURN_PAGE = 50;
const MEMORY_PAGE = 100;
const PHOTO_EVERY = 100;
/** The turns route's largest page: the API walk reads the history in pages this long. */
const API_PAGE = 1000;

if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
const count = Number(process.argv[2] ?? 100_000);
const memoryCount = Number(process.argv[3] ?? 10_000);
if (!Number.isInteger(count) || count < TURN_PAGE * 2) throw new Error(`Give a number of turns of at least ${TURN_PAGE * 2}, got "${process.argv[2]}".`);
if (!Number.isInteger(memoryCount) || memoryCount < MEMORY_PAGE * 2) throw new Error(`Give a number of memories of at least ${MEMORY_PAGE * 2}, got "${process.argv[3]}".`);

const server = await startInspectorServer();
const browser = await launchChromium();
/** Where the page is when a check fails, for a person to look at. */
const FAILURE_SHOT = '.tmp/inspector-at-scale-failure.png';
const api = async (path: string): Promise<Response> => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ACME}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
};
try {
  let started = performance.now();
  const lap = (what: string) => {
    console.log(`${what}: ${Math.round(performance.now() - started).toLocaleString('en')} ms`);
    started = performance.now();
  };
  const photos = await seedManyTurns(server.persona, 'acme:big', count, { perSession: 200, photoEvery: PHOTO_EVERY });
  lap(`stored ${count.toLocaleString('en')} turns with ${photos.size.toLocaleString('en')} photos`);
  await seedManyMemories(server.persona, 'acme:big', memoryCount);
  lap(`stored ${memoryCount.toLocaleString('en')} memories`);

  const { page, errors } = await openPage(browser);
  process.once('uncaughtExceptionMonitor', () => void page.screenshot({ path: FAILURE_SHOT, fullPage: true }).catch(() => {}));
  const decoded = (selector: string, expected: number) => page.waitForFunction(([css, n]) => {
    const images = Array.from(document.querySelectorAll(css as string)) as Array<{ complete: boolean; naturalWidth: number }>;
    return images.length === n && images.every((image) => image.complete && image.naturalWidth > 0);
  }, [selector, expected] as const);
  const photosOn = (first: number, last: number) => [...photos.keys()].filter((seq) => seq >= first && seq <= last).length;
  await page.goto(`${server.url}/inspector`);
  await page.getByLabel('API key').fill(ACME);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('link', { name: 'big' }).click();
  started = performance.now();
  await page.locator('.summary').waitFor();
  await decoded('.persons img', 1);
  assert.match(await page.locator('.persons').innerText(), new RegExp(`Ana[\\s\\S]*${Math.floor(photos.size / 10).toLocaleString('en')} faces`));
  lap(`overview with Ana's face ("${await page.locator('.summary').innerText()}")`);
  await page.getByRole('link', { name: 'Timeline' }).click();
  await page.locator('.pager .position', { hasText: `turns #${count - TURN_PAGE + 1}–#${count}` }).waitFor();
  await decoded('.turn figure.photo img', photosOn(count - TURN_PAGE + 1, count));
  lap(`newest page (${photosOn(count - TURN_PAGE + 1, count)} photos decoded)`);
  await page.getByRole('button', { name: 'Oldest' }).click();
  await page.locator('.pager .position', { hasText: `turns #1–#${TURN_PAGE}` }).waitFor();
  await decoded('.turn figure.photo img', photosOn(1, TURN_PAGE));
  assert.match(await page.locator('.turn figure.photo img').first().getAttribute('alt') ?? '', /^text: TICKET 1; objects: cup$/);
  lap(`oldest page (${photosOn(1, TURN_PAGE)} photo decoded, read: "TICKET 1")`);
  await page.getByLabel('Jump to date').fill('2025-06-01');
  await page.getByRole('button', { name: 'Go' }).click();
  await page.locator('.pager .position', { hasNotText: `turns #1–#${TURN_PAGE}` }).waitFor();
  lap(`jump to 1 Jun 2025 (${await page.locator('.pager .position').innerText()}, first: ${await page.locator('.turn .turn-meta').first().innerText()})`);
  await page.getByRole('link', { name: 'Memories' }).click();
  await page.locator('.pager .position', { hasText: `1–${MEMORY_PAGE} of ${memoryCount.toLocaleString('en')}` }).waitFor();
  lap(`memories, first page ("${await page.locator('p[aria-live]').innerText()}")`);
  await page.getByRole('button', { name: 'Last' }).click();
  const lastFirst = Math.floor((memoryCount - 1) / MEMORY_PAGE) * MEMORY_PAGE + 1;
  await page.locator('.pager .position', { hasText: `${lastFirst.toLocaleString('en')}–${memoryCount.toLocaleString('en')} of` }).waitFor();
  assert.match((await page.locator('table.memories tbody tr').last().innerText()), new RegExp(`Memory number ${memoryCount} of many`));
  lap('memories, last page');
  const wanted = memoryCount - 7;
  await page.getByLabel('Search').fill(`n${wanted}`);
  await page.locator('p[aria-live]', { hasText: '1 memory matches' }).waitFor();
  assert.match(await page.locator('table.memories tbody').innerText(), new RegExp(`Memory number ${wanted} of many`));
  lap(`search "n${wanted}" among ${memoryCount.toLocaleString('en')}`);
  assert.deepEqual(errors, [], 'the page logged no error');
  await page.context().close();

  // The same routes the page pages through, end to end: nothing of the history is out of reach.
  const seen = new Uint8Array(count + 1);
  let photosSeen = 0;
  for (let before: number | null = null; ;) {
    const { turns } = (await (await api(`/v1/users/big/turns?order=desc&limit=${API_PAGE}${before === null ? '' : `&before=${before}`}`)).json()) as { turns: Array<{ seq: number; images: string[] }> };
    if (turns.length === 0) break;
    for (const turn of turns) {
      assert.equal(seen[turn.seq], 0, `turn #${turn.seq} came twice`);
      seen[turn.seq] = 1;
      assert.deepEqual(turn.images, photos.has(turn.seq) ? [photos.get(turn.seq)] : [], `turn #${turn.seq}'s photos`);
      photosSeen += turn.images.length;
    }
    before = turns.at(-1)!.seq;
  }
  assert.equal(seen.reduce((sum, bit) => sum + bit, 0), count, 'every turn once');
  assert.equal(photosSeen, photos.size);
  lap(`API: all ${count.toLocaleString('en')} turns once, newest to oldest, each photo on its turn`);
  for (const sha of photos.values()) {
    const bytes = new Uint8Array(await (await api(`/v1/users/big/images/${sha}/bytes`)).arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), sha);
  }
  lap(`API: the bytes of all ${photos.size.toLocaleString('en')} photos, each matching its sha256`);
  const memorySeen = new Set<string>();
  for (let offset = 0; offset < memoryCount; offset += MEMORY_PAGE) {
    const body = (await (await api(`/v1/users/big/memories?limit=${MEMORY_PAGE}&offset=${offset}`)).json()) as { memories: Array<{ id: string }>; total: number };
    assert.equal(body.total, memoryCount);
    for (const memory of body.memories) memorySeen.add(memory.id);
  }
  assert.equal(memorySeen.size, memoryCount, 'every memory once');
  lap(`API: all ${memoryCount.toLocaleString('en')} memories once, page by page`);
} finally {
  await browser.close();
  await server.close();
}

declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> };
