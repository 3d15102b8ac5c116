import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedEvaluate, coordinateSearch, leaveOneOut, settingKey, type Evaluate, type Setting } from './loo-search.ts';

// Three conversations of 10 questions. Knob x helps a and b when 2 (and hurts c); knob y changes nothing.
const strictCount = (setting: Setting, conversation: string): number => {
  const x = Number(setting.x ?? 1);
  if (conversation === 'c') return x === 0 ? 9 : x === 1 ? 7 : 5;
  return x === 2 ? 8 : x === 1 ? 6 : 4;
};
const outcomes = (count: number): boolean[] => Array.from({ length: 10 }, (_, index) => index < count);
const knobs = [{ path: 'x', values: [0, 1, 2] }, { path: 'y', values: [true, false] }];
const defaults = { x: 1, y: true };

test('the coordinate search moves a knob only when it wins a question, and keeps the defaults on a tie', async () => {
  const calls: string[] = [];
  const evaluate: Evaluate = async (setting, conversation) => {
    calls.push(`${conversation} ${settingKey(setting)}`);
    return outcomes(strictCount(setting, conversation));
  };
  const found = await coordinateSearch(knobs, defaults, evaluate, ['a', 'b'], 2);
  assert.deepEqual(found.setting, { x: 2 }, 'y ties everywhere: it stays at its default and is not written');
  assert.equal(found.score, 16 / 20);
  const onC = await coordinateSearch(knobs, defaults, evaluate, ['c'], 1);
  assert.deepEqual(onC.setting, { x: 0 });
  const tie = await coordinateSearch(knobs, defaults, async () => outcomes(5), ['a'], 1);
  assert.deepEqual(tie.setting, {}, 'nothing wins: the defaults');
});

test('leave-one-out chooses on the other conversations only, and the cache shares what folds have in common', async () => {
  const seen: string[] = [];
  const evaluate = cachedEvaluate(async (setting, conversation) => {
    seen.push(`${conversation} ${settingKey(setting)}`);
    return outcomes(strictCount(setting, conversation));
  });
  const perFold: string[][] = [];
  let from = 0;
  const folds = await leaveOneOut(knobs, defaults, evaluate, ['a', 'b', 'c'], 1, () => {
    perFold.push(seen.slice(from));
    from = seen.length;
  });
  // Held out a (or b): on the other two every x scores 13 of 20, a tie, so the defaults stay. Held out c: a and b
  // prefer x = 2, which c itself would not have chosen.
  assert.deepEqual(folds.map((fold) => [fold.heldOut, fold.setting]), [['a', {}], ['b', {}], ['c', { x: 2 }]]);
  assert.ok(perFold[2]!.every((entry) => !entry.startsWith('c ')), 'the held-out conversation is not scored while its fold searches');
  assert.ok(perFold[2]!.length < perFold[0]!.length, 'the third fold reuses what the first two scored');
  assert.equal(new Set(seen).size, seen.length, 'no (setting, conversation) pair is scored twice');
  assert.equal(evaluate.size, seen.length);
});
