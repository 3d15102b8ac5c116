import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJson } from './extract-json.ts';
import { TolerantJsonError } from './tolerant-json.ts';

test('clean JSON needs no repair', () => {
  assert.deepEqual(extractJson('{"a": [1, 2.5, "x"], "b": null}'), { value: { a: [1, 2.5, 'x'], b: null }, repairs: [] });
});

test('code fences and prose around the JSON are stripped and reported', () => {
  const fenced = extractJson('Here you go:\n```json\n{"a": 1}\n```\nHope this helps!');
  assert.deepEqual(fenced.value, { a: 1 });
  assert.deepEqual(fenced.repairs, ['code_fence']);
  const prose = extractJson('Sure! The answer is {"a": "b"} as requested.');
  assert.deepEqual(prose, { value: { a: 'b' }, repairs: ['prose_around_json'] });
});

test('Python literals, single quotes, unquoted keys and trailing commas are read and named', () => {
  const result = extractJson("{'ok': True, 'none': None, no: False, list: ['a', 'b',],}");
  assert.deepEqual(result.value, { ok: true, none: null, no: false, list: ['a', 'b'] });
  assert.deepEqual(new Set(result.repairs), new Set(['single_quotes', 'python_literals', 'unquoted_keys', 'trailing_commas']));
});

test('truncated output keeps complete parts and drops the unfinished value', () => {
  const result = extractJson('{"memories": [{"content": "User likes tea", "keywords": ["tea"]}, {"content": "User ha');
  assert.deepEqual(result.value, { memories: [{ content: 'User likes tea', keywords: ['tea'] }, {}] });
  assert.ok(result.repairs.includes('truncated'));
  assert.deepEqual(extractJson('{"a": 1, "b": 2').value, { a: 1 }, 'a number cut at the end may be cut short: dropped');
});

test('key-value lines become an object of strings', () => {
  const result = extractJson('openness: 4\n- **Conscientiousness**: "3"\nneuroticism = 2\n');
  assert.deepEqual(result.value, { openness: '4', conscientiousness: '3', neuroticism: '2' });
  assert.deepEqual(result.repairs, ['key_value_lines']);
});

test('text with nothing usable throws', () => {
  assert.throws(() => extractJson('I cannot help with that.'), TolerantJsonError);
  assert.deepEqual(extractJson('{'), { value: {}, repairs: ['truncated'] }, 'an empty shell is left for the interpreter to reject');
  assert.throws(() => extractJson('{"a": @}'), TolerantJsonError);
});
