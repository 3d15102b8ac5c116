import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextList } from './text-list.ts';

const texts = ['Ann: hello', '', 'Bo: café ☕ and 🏔 twice', 'Ann: ok'];

test('texts read back from their UTF-8 bytes one by one, then set and pushed beside them, and encode as the strings would', () => {
  const built = TextList.empty();
  for (const text of texts) built.push(text);
  const { bytes, ends } = built.utf8();
  assert.deepEqual(Buffer.from(bytes).toString('utf8'), texts.join(''));
  const list = TextList.fromUtf8(bytes, ends);
  assert.deepEqual(Array.from({ length: list.length }, (_, index) => list.get(index)), texts);
  assert.equal(list.utf8().bytes, bytes, 'unchanged: the bytes it holds, not a copy');
  list.set(1, 'Bo: now said');
  list.push('Ann: 新しい');
  list.set(4, 'Ann: 新しい!');
  const expected = ['Ann: hello', 'Bo: now said', 'Bo: café ☕ and 🏔 twice', 'Ann: ok', 'Ann: 新しい!'];
  assert.deepEqual(Array.from({ length: list.length }, (_, index) => list.get(index)), expected);
  const again = TextList.fromUtf8(list.utf8().bytes, list.utf8().ends);
  assert.deepEqual(Array.from({ length: again.length }, (_, index) => again.get(index)), expected);
});

test('ends that do not step through the bytes, and indexes outside the list, are refused', () => {
  const bytes = new TextEncoder().encode('abcdef');
  assert.throws(() => TextList.fromUtf8(bytes, Int32Array.of(2, 1, 6)), /ends before it starts/);
  assert.throws(() => TextList.fromUtf8(bytes, Int32Array.of(2, 5)), /cover 5 of 6 bytes/);
  const list = TextList.fromUtf8(bytes, Int32Array.of(2, 6));
  assert.throws(() => list.get(2), /no text 2 of 2/);
  assert.throws(() => list.get(-1), /no text -1 of 2/);
  assert.throws(() => list.set(3, 'x'), /no text 3 of 2/);
});
