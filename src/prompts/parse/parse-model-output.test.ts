import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, type PersonaEvent } from '../../memory/events.ts';
import { ModelOutputError } from '../../errors/index.ts';
import { asInteger, asTextList, field, isRecord } from './coerce.ts';
import { parseModelOutput } from './parse-model-output.ts';
import { OutputShapeError } from './repair-log.ts';

const prompt = { id: 'test.prompt', version: 1 };
function capture(): { events: EventBus; seen: PersonaEvent[] } {
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  return { events, seen };
}
const interpret = (value: unknown, log: Parameters<Parameters<typeof parseModelOutput>[3]>[1]) => {
  if (!isRecord(value)) throw new OutputShapeError('expected an object');
  const score = asInteger(field(value, 'score'), { min: 1, max: 5 }, 'score', log);
  if (score === undefined) throw new OutputShapeError('score is missing or not a number');
  return { score, tags: asTextList(field(value, 'tags'), 'tags', log) ?? [] };
};

test('a clean output parses without any warning', () => {
  const { events, seen } = capture();
  assert.deepEqual(parseModelOutput(prompt, '{"score": 4, "tags": ["a"]}', events, interpret), { score: 4, tags: ['a'] });
  assert.equal(seen.length, 0);
});

test('wrong types and out-of-range values are coerced, clamped and reported in one warning', () => {
  const { events, seen } = capture();
  const result = parseModelOutput(prompt, "```\n{'score': '9', 'tags': 'a, b'}\n```", events, interpret);
  assert.deepEqual(result, { score: 5, tags: ['a', 'b'] });
  assert.equal(seen.length, 1);
  const warning = seen[0]!;
  assert.equal(warning.type === 'warning' && warning.code, 'model_output_repaired');
  const codes = (warning.details as { repairs: { code: string }[] }).repairs.map((r) => r.code);
  assert.deepEqual(new Set(codes), new Set(['code_fence', 'single_quotes', 'string_to_number', 'clamped', 'string_to_list']));
});

test('an unusable output is rejected visibly, never defaulted', () => {
  const { events, seen } = capture();
  assert.throws(() => parseModelOutput(prompt, 'no idea', events, interpret), ModelOutputError);
  assert.throws(() => parseModelOutput(prompt, '{"tags": []}', events, interpret), /score is missing/);
  assert.deepEqual(
    seen.map((e) => e.type === 'warning' && e.code),
    ['model_output_rejected', 'model_output_rejected'],
  );
});
