import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StringIds, stringHash } from './string-ids.ts';

const words = (count: number): string[] => Array.from({ length: count }, (_, index) => `w${index.toString(36)}${index % 7 === 0 ? ' pair' : ''}`);

test('ids in the order added; every string found, others not, through many growths', () => {
  const ids = new StringIds();
  const list = [...words(20_000), '', 'naïve café', '🌱 emoji', 'Ünïcode'];
  for (const text of list) assert.equal(ids.add(text), ids.size - 1);
  assert.equal(ids.size, list.length);
  list.forEach((text, id) => {
    assert.equal(ids.get(text), id);
    assert.equal(ids.at(id), text);
  });
  for (const absent of ['w', 'pair', 'naive café', 'w0 pai', '🌱']) assert.equal(ids.get(absent), undefined);
  assert.ok(ids.slots.length >= ids.size * 2 && (ids.slots.length & (ids.slots.length - 1)) === 0);
});

test('a table restored from its list and slots answers the same and keeps growing', () => {
  const original = new StringIds(words(5_000));
  const restored = new StringIds([...original.list], original.slots.slice());
  for (const [id, text] of original.list.entries()) assert.equal(restored.get(text), id);
  const more = words(12_000).slice(5_000);
  for (const text of more) restored.add(text);
  for (const [id, text] of words(12_000).entries()) assert.equal(restored.get(text), id);
  assert.equal(restored.get('nope'), undefined);
});

test('slots that cannot hold the list, and a list with a repeat, are refused', () => {
  assert.throws(() => new StringIds(words(100), new Int32Array(128)), RangeError, 'under twice the count');
  assert.throws(() => new StringIds(words(10), new Int32Array(100)), RangeError, 'not a power of two');
  assert.throws(() => new StringIds(['a', 'b', 'a']), /twice/);
});

test('the hash is FNV-1a over UTF-16 code units (saved tables are probed with it)', () => {
  assert.equal(stringHash(''), 0x811c9dc5);
  assert.equal(stringHash('a'), 0xe40c292c);
  assert.equal(stringHash('foobar'), 0xbf9cf968);
});
