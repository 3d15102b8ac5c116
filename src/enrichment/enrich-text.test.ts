import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrichText } from './enrich-text.ts';

const at = new Date('2023-05-08T13:56:00Z');

test('keywords drop stop words and lemmas keep every content token for term frequency', () => {
  const enrichment = enrichText('I went to a LGBTQ support group yesterday and the group was so powerful.', at);
  assert.ok(enrichment.keywords.includes('lgbtq'));
  assert.ok(!enrichment.keywords.includes('the'));
  assert.ok(enrichment.lemmas.includes('go'), 'went → go');
  assert.equal(enrichment.lemmas.filter((lemma) => lemma === 'group').length, 2);
  assert.equal(enrichment.imageText, '');
});

test('entities include dates and proper-noun runs with their casing', () => {
  const enrichment = enrichText('Caroline and I flew to Los Angeles last Sunday.', at);
  const texts = enrichment.entities.map((entity) => `${entity.type}:${entity.text}`);
  assert.ok(texts.includes('DATE:last Sunday'), texts.join(', '));
  assert.ok(texts.some((text) => text === 'PROPER_NOUN:Los Angeles'), texts.join(', '));
  assert.equal(enrichment.dates[0]?.from.toISOString(), '2023-05-07T00:00:00.000Z');
});

test('enrichText resolves dates in the zone it is given', () => {
  const evening = new Date('2026-03-02T04:30:00Z');
  const local = enrichText('I went to the market yesterday', evening, { timeZone: 'America/Los_Angeles' });
  assert.equal(local.dates[0]?.from.toISOString(), '2026-02-28T08:00:00.000Z');
  assert.equal(enrichText('I went to the market yesterday', evening).dates[0]?.from.toISOString(), '2026-03-01T00:00:00.000Z');
});
