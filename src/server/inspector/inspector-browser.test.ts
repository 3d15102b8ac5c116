// The inspector in a real browser (Debian's chromium through playwright-core) against a real server over a seeded
// person: what a person sees on each view, the edit and forget actions with their confirmation, tenancy, and a
// long history paged end to end. A console error or a failed request fails the test; screenshots of each view
// go to a temporary folder named in the test output, or to PERSONAVLM_SCREENSHOT_DIR (PERSONAVLM_SCREENSHOT_DIR=docs/inspector/
// refreshes the README's; a plain `npm test` leaves the working tree as it was). Without chromium it skips, saying why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { photo, PHOTOS_MISSING } from '../../vision/test-images.ts';
import { ACME } from '../test-support.ts';
import { accessibilityProblems, CHROMIUM_MISSING, launchChromium, openPage, startInspectorServer, type InspectorServer } from './test-support/browser.ts';
import { seedManyMemories, seedManyTurns, seedPerson, type SeededPerson } from './test-support/seed.ts';

const SKIP = CHROMIUM_MISSING ?? (photo('astronaut.png') ? null : PHOTOS_MISSING);
const SHOTS = `${process.env.PERSONAVLM_SCREENSHOT_DIR ?? join(tmpdir(), 'personavlm-inspector-screenshots')}/`.replace(/\/+$/, '/');

let server: InspectorServer;
let browser: Browser;
let seeded: SeededPerson;

before(async () => {
  if (SKIP) return;
  server = await startInspectorServer();
  seeded = (await seedPerson(server.persona, 'acme:ana'))!;
  await server.persona.recordTurn({ userId: 'globex:zed', role: 'user', text: 'A globex secret about Zanzibar.', at: new Date('2026-03-02T10:00:00Z') });
  await server.persona.recordTurn({ userId: 'acme:bob', role: 'user', text: 'Hello from Bob.', at: new Date('2026-03-02T10:00:00Z') });
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();
const accessibility: string[] = [];
/** A screenshot for review, and the view's accessibility problems collected (the test asserts there are none). */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  accessibility.push(...(await accessibilityProblems(page)).map((problem) => `${name}: ${problem}`));
}

// What the functions below use of the page's globals: they run in the browser (this file is type-checked
// without the DOM library). Functions, not strings, because the page's CSP rightly forbids eval.
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ complete: boolean; naturalWidth: number }>;
  querySelector(selector: string): { textContent: string | null } | null;
};

/** Waits until `count` images (at least one when undefined) match the selector and every one has decoded. */
async function imagesLoaded(page: Page, selector: string, count?: number): Promise<void> {
  await page.waitForFunction(([css, expected]) => {
    const images = Array.from(document.querySelectorAll(css as string));
    return (expected === null ? images.length > 0 : images.length === expected) && images.every((image) => image.complete && image.naturalWidth > 0);
  }, [selector, count ?? null] as const);
}

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor();
}

test('the inspector shows a person on every view, and edits and forgets through the API with confirmation', { skip: SKIP ?? false, timeout: 180_000 }, async () => {
  const { page, errors } = await openPage(browser);
  for (const path of ['/inspector/', '/favicon.ico', '/inspector/vendor/htm-preact.js', '/inspector/vendor/uplot.js']) {
    assert.equal((await page.request.get(`${server.url}${path}`)).status(), 200, path);
  }

  // A deep link asks for the key first, then opens where it pointed.
  await page.goto(`${server.url}/inspector/users/ana`);
  await waitForText(page, 'h1', 'API key needed');
  await page.getByLabel('API key').fill(ACME);
  await page.getByRole('button', { name: 'Use key' }).click();

  // Overview: profile, habits, the Big Five chart with its legend and the turn under the cursor, the named face.
  await waitForText(page, 'dd', 'Ana Lima');
  assert.match(await page.locator('.summary').innerText(), /8 turns in 5 sessions/);
  assert.deepEqual(await texts(page, 'dl.profile dd'), ['Ana Lima', 'nurse at São João hospital']);
  assert.match((await texts(page, 'ul.habits')).join('\n'), /swimming: Swims twice a week/);
  const legend = (await texts(page, '.u-legend .u-label')).map((label) => label.replace(/:$/, ''));
  assert.deepEqual(legend, ['Time', 'openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism']);
  // The axes are drawn on the canvas; the chart's accessible name says what they span.
  assert.equal(await page.locator('.chart [role="img"]').getAttribute('aria-label'), 'Big Five scores over 8 points, from 1 Mar 2026, 08:59 UTC to 15 Mar 2026, 19:02 UTC');
  const plot = (await page.locator('.u-over').boundingBox())!;
  // Points in time order: 8 Mar 15:30 (the museum) sits at ~50% of the axis, 10 Mar 08:15 (the café) at ~62%.
  await page.mouse.move(plot.x + plot.width * 0.63, plot.y + plot.height / 2, { steps: 4 });
  await waitForText(page, '.moved-by blockquote', 'Morning coffee at the new café');
  assert.match(await page.locator('.moved-by').innerText(), /Interaction 5 · 10 Mar 2026, 08:15 UTC\nThis turn scored: openness 3\.5/);
  await page.mouse.move(plot.x + plot.width * 0.52, plot.y + plot.height / 2, { steps: 4 });
  await waitForText(page, '.moved-by blockquote', 'Me at the space museum');
  // The keyboard reaches the same points: the slider steps through them.
  const slider = page.getByRole('slider', { name: 'Point' });
  await slider.focus();
  await page.keyboard.press('Home');
  await waitForText(page, '.moved-by', 'The starting estimate (no turn).');
  await page.keyboard.press('ArrowRight');
  await waitForText(page, '.moved-by blockquote', 'Hi, I am Ana Lima.');
  assert.match(await page.locator('.u-legend').innerText(), /openness:?\s*3\.20/, 'the legend follows the slider');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitForText(page, '.moved-by blockquote', 'Me at the space museum');
  const face = page.getByAltText('face of Ana');
  await face.waitFor();
  await imagesLoaded(page, 'main img');
  await shot(page, 'overview');
  await page.getByRole('button', { name: 'Rename Ana' }).click();
  await page.getByLabel('Name of person-1').fill('Ana Lima');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByAltText('face of Ana Lima').waitFor();
  assert.deepEqual((await server.persona.persons.list('acme:ana')).map((person) => person.name), ['Ana Lima']);

  // Timeline: newest first, photos as thumbnails with their OCR text and objects on hover, jump to a date.
  await page.getByRole('link', { name: 'Timeline' }).click();
  await waitForText(page, '.pager .position', 'turns #1–#8');
  const turns = await texts(page, '.turn .turn-text');
  assert.equal(turns.length, 8);
  assert.match(turns[0]!, /I stopped running/);
  assert.match(turns.at(-1)!, /Hi, I am Ana Lima/);
  assert.equal(await page.locator('h3.session').count(), 5);
  await imagesLoaded(page, 'figure.photo img', 3);
  const astronaut = page.locator('figure.photo', { has: page.locator('img[alt*="NASA"]') });
  await astronaut.hover();
  const info = astronaut.locator('.photo-info');
  assert.ok(await info.isVisible(), 'hovering a photo shows what was read in it');
  // Naming the person above rewrote the turn's photo note from the analysis: objects with colours, and her name.
  assert.match(await info.innerText(), /Text \(OCR\): NASA\nObjects: white person, red flag\nPeople: Ana Lima/);
  await shot(page, 'timeline');
  await page.getByLabel('Jump to date').fill('2026-03-08');
  await page.getByRole('button', { name: 'Go' }).click();
  await waitForText(page, '.pager .position', 'turns #1–#5');
  assert.match((await texts(page, '.turn .turn-text'))[0]!, /space museum/);
  assert.ok(await page.getByRole('button', { name: 'Newer' }).isEnabled());
  assert.match(page.url(), /\/inspector\/users\/ana\/timeline\?at=2026-03-08T23%3A59%3A59\.999Z$/);

  // Memories: filters, search, provenance with the photo region, versions and who changed them.
  await page.getByRole('link', { name: 'Memories' }).click();
  await waitForText(page, 'p[aria-live]', '8 memories');
  await page.getByLabel('Type').selectOption('procedural');
  await page.getByLabel('Status').selectOption('all');
  await waitForText(page, 'p[aria-live]', '3 memories');
  assert.match((await texts(page, 'table.memories tbody tr')).join('\n'), /Runs 5 km every morning[\s\S]*retired/);
  await page.getByLabel('Type').selectOption('');
  await page.getByLabel('Status').selectOption('active');
  // The search runs on the server over every status asked for: the Lisbon version was superseded by the move.
  await page.getByLabel('Status').selectOption('all');
  await page.getByLabel('Search').fill('LISBON home');
  await waitForText(page, 'p[aria-live]', '1 memory matches');
  assert.match((await texts(page, 'table.memories tbody tr')).join('\n'), /Ana lives in Lisbon\.\s+superseded/);
  assert.match(page.url(), /\/memories\?status=all&q=LISBON\+home$/, 'the list lives in the URL');
  await page.getByLabel('Status').selectOption('active');
  await waitForText(page, 'p[aria-live]', '0 memories match');
  await page.getByLabel('Search').fill('cat miso');
  await waitForText(page, 'p[aria-live]', '1 memory matches');
  await page.getByRole('link', { name: 'Ana has a ginger tabby cat called Miso.' }).click();
  await waitForText(page, '.sources', 'This is my cat Miso on the sofa.');
  // The region is drawn once the photo has loaded, which can come after the text.
  await page.locator('.detail .region').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.detail .region').count(), 1, 'the image region the memory was read in is drawn on the photo');
  assert.ok(page.url().endsWith(`/inspector/users/ana/memories/${seeded.memories.cat}?q=cat+miso`), 'the memory opens beside the list it came from');
  await imagesLoaded(page, '.detail img');
  await shot(page, 'memories');

  await page.goto(`${server.url}/inspector/users/ana/memories/${seeded.memories.city}`);
  await waitForText(page, '.history', 'Ana lives in Lisbon.');
  assert.match(await page.locator('.history').innerText(), /superseded by turn #7: “Big news: I moved to Porto/);
  await shot(page, 'memory-history');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Corrected text').fill('Ana lives in Porto, near the river.');
  await page.getByRole('button', { name: 'Save correction' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this correction?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await waitForText(page, '.memory-content', 'Ana lives in Porto, near the river.');
  await waitForText(page, '#history-title', 'Versions (3)');
  assert.deepEqual((await server.persona.memories.history('acme:ana', seeded.memories.city)).map((memory) => memory.content), ['Ana lives in Lisbon.', 'Ana lives in Porto.', 'Ana lives in Porto, near the river.']);

  await page.getByRole('button', { name: 'Forget' }).click();
  const forget = page.getByRole('dialog', { name: 'Forget this memory?' });
  await forget.getByRole('button', { name: 'Cancel' }).click();
  assert.notEqual(await server.persona.memories.get('acme:ana', seeded.memories.city), null, 'cancel keeps it');
  await page.getByRole('button', { name: 'Forget' }).click();
  await forget.getByRole('button', { name: 'Forget' }).click();
  await page.waitForURL(`${server.url}/inspector/users/ana/memories`);
  await waitForText(page, 'p[aria-live]', '7 memories');
  assert.equal(await server.persona.memories.get('acme:ana', seeded.memories.city), null);

  // Recall: the ranked items a prompt would get, with score parts and token costs.
  await page.getByRole('link', { name: 'Recall' }).click();
  await page.getByLabel('Question').fill('What is my cat called?');
  await page.getByRole('button', { name: 'Recall' }).click();
  await page.locator('table.recall tbody tr').first().waitFor();
  const summary = await page.locator('.summary').innerText();
  const [, count, tokens] = /(\d+) items, (\d+) tokens in all/.exec(summary)!;
  assert.ok(Number(count) > 0 && Number(tokens) > 0, summary);
  assert.match((await texts(page, 'table.recall tbody tr')).join('\n'), /Miso/);
  assert.ok((await page.locator('dl.score-parts dt').count()) > 0, 'score parts are shown');
  const api = (await (await page.request.get(`${server.url}/v1/users/ana/recall?q=${encodeURIComponent('What is my cat called?')}&at=2026-03-16T12:00:00.000Z`, { headers: { authorization: `Bearer ${ACME}` } })).json()) as { items: Array<{ tokens: number }>; totalTokens: number };
  assert.equal(Number(tokens), api.totalTokens, 'the page shows what the API returns');
  await shot(page, 'recall');

  // Jobs: the failed one with its error, the running one, the pending ones; retry puts the failed one back.
  await page.getByRole('link', { name: 'Jobs' }).click();
  await waitForText(page, '.job-error', '503 Service Unavailable');
  assert.deepEqual(await texts(page, '.job-counts button.status'), ['pending 6', 'running 1', 'failed 1', 'done 0']);
  await shot(page, 'jobs');
  await page.getByRole('button', { name: 'Retry all failed' }).click();
  await waitForText(page, '[role="status"]', '1 job(s) put back in the queue.');
  await waitForText(page, '.job-counts', 'failed 0');

  // The start page lists this tenant's users only.
  await page.getByRole('link', { name: 'personavlm inspector' }).click();
  await waitForText(page, 'h1', 'Users');
  await page.locator('table tbody tr').first().waitFor();
  assert.deepEqual(await texts(page, 'table tbody td:first-child'), ['ana', 'bob']);
  assert.doesNotMatch(await page.content(), /zed|globex|Zanzibar/);
  await shot(page, 'users');

  assert.deepEqual(errors, []);
  assert.deepEqual(accessibility, [], 'axe-core finds no WCAG 2.1 A/AA problem on any view');
  await page.context().close();
});

test('a user with 3,000 turns and 30 photos pages from the newest to the oldest without losing a turn or a photo', { skip: SKIP ?? false, timeout: 300_000 }, async () => {
  const photos = await seedManyTurns(server.persona, 'acme:many', 3000, { photoEvery: 100 });
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/inspector`);
  await page.getByLabel('API key').fill(ACME);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('link', { name: 'many' }).click();
  await waitForText(page, '.summary', '3,000 turns in 30 sessions');
  // Every tenth photo shows Ana: her face is cropped out of the newest of them (and loads before the page moves on).
  await imagesLoaded(page, '.persons img', 1);
  assert.match(await page.locator('.persons').innerText(), /Ana[\s\S]*3 faces/);

  await page.goto(`${server.url}/inspector/users/many/timeline`);
  const seen = new Set<number>();
  const order: number[] = [];
  const shownPhotos: string[] = [];
  let position = '';
  for (;;) {
    // The next page has rendered when the position line changes.
    await page.waitForFunction((previous) => {
      const text = document.querySelector('.pager .position')?.textContent ?? '';
      return text.startsWith('turns #') && text !== previous;
    }, position);
    position = await page.locator('.pager .position').innerText();
    const seqs = (await texts(page, '.turn .seq')).map((text) => Number(text.slice(1)));
    for (const seq of seqs) seen.add(seq);
    order.push(...seqs);
    // Every photo of the page's turns shows, decoded, with what was read in it.
    const expected = seqs.filter((seq) => photos.has(seq));
    if (expected.length > 0) {
      await imagesLoaded(page, '.turn figure.photo img', expected.length);
      for (const seq of expected) shownPhotos.push(`${seq} ${await page.locator('.turn', { has: page.locator('.seq', { hasText: new RegExp(`^#${seq}$`) }) }).locator('figure.photo img').getAttribute('alt')}`);
    }
    assert.equal(await page.locator('.photo-missing').count(), 0);
    const older = page.getByRole('button', { name: 'Older' });
    if (!(await older.isEnabled())) break;
    await older.click();
  }
  assert.equal(order.length, 3000, 'every turn shown once');
  assert.equal(seen.size, 3000);
  assert.deepEqual(order, Array.from({ length: 3000 }, (_, index) => 3000 - index), 'newest first, no gaps');
  assert.equal(position, 'turns #1–#50');
  assert.match((await texts(page, '.turn .turn-text')).at(-1)!, /Message number 1 of the long history/);
  assert.deepEqual(shownPhotos, [...photos.keys()].sort((a, b) => b - a).map((seq) => `${seq} text: TICKET ${seq}; objects: cup`), 'every photo once, on its turn');

  await page.getByRole('button', { name: 'Newest' }).click();
  await waitForText(page, '.pager .position', 'turns #2951–#3000');
  assert.match((await texts(page, '.turn .turn-text'))[0]!, /Message number 3000 /);
  await page.getByRole('button', { name: 'Oldest' }).click();
  await waitForText(page, '.pager .position', 'turns #1–#50');
  await page.getByRole('button', { name: 'Newer' }).click();
  await waitForText(page, '.pager .position', 'turns #51–#100');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a user with 250 memories pages through them all and finds one by a search on the server', { skip: SKIP ?? false, timeout: 120_000 }, async () => {
  await seedManyMemories(server.persona, 'acme:hoard', 250);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}/inspector`);
  await page.getByLabel('API key').fill(ACME);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('link', { name: 'hoard' }).click();
  await page.locator('.summary').waitFor();
  await page.getByRole('link', { name: 'Memories' }).click();
  await waitForText(page, 'p[aria-live]', '250 memories');
  const numbers = async () => (await texts(page, 'table.memories tbody td:nth-child(2)')).map((text) => Number(/Memory number (\d+) /.exec(text)![1]));
  const seen: number[] = [];
  for (const position of ['1–100 of 250', '101–200 of 250', '201–250 of 250']) {
    await waitForText(page, '.pager .position', position);
    await page.waitForFunction((expected) => document.querySelectorAll('table.memories tbody tr').length === expected, position.startsWith('201') ? 50 : 100);
    seen.push(...(await numbers()));
    if (!position.startsWith('201')) await page.getByRole('button', { name: 'Next' }).click();
  }
  assert.deepEqual(seen, Array.from({ length: 250 }, (_, index) => index + 1), 'every memory once, in order');
  assert.ok(await page.getByRole('button', { name: 'Next' }).isDisabled());
  assert.match(page.url(), /\/memories\?offset=200$/);

  // A search past the first page: the server finds it among all 250.
  await page.getByLabel('Search').fill('n237');
  await waitForText(page, 'p[aria-live]', '1 memory matches');
  assert.deepEqual(await numbers(), [237]);
  assert.equal(await page.locator('.pager').count(), 0, 'one page needs no pager');
  await page.getByLabel('Search').fill('');
  await waitForText(page, '.pager .position', '1–100 of 250');
  await page.getByRole('button', { name: 'Last' }).click();
  await waitForText(page, '.pager .position', '201–250 of 250');
  assert.deepEqual(errors, []);
  await page.context().close();
});
