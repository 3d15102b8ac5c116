import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHistory } from './load-history.ts';

const fixtures = new URL('../datasets/', import.meta.url).pathname;
const LOCOMO = new URL('../../../shared/data/locomo/locomo-dev.json', import.meta.url).pathname;

test('Persona-MME: <img> markers take the imgs in order, read next to the data file', async () => {
  const history = await loadHistory('persona-mme', join(fixtures, 'persona-mme/__fixtures__/samples/50/0/user_data.json'));
  const first = history.sessions[0]!.turns[0]!;
  assert.equal(first.role, 'user');
  assert.doesNotMatch(first.text, /<img>/);
  assert.equal(first.images?.length, 1);
  assert.ok(first.images![0]!.bytes![0] === 0x89, 'the PNG bytes were read');
  assert.equal(first.at.toISOString(), '2024-09-16T19:02:00.000Z');
  assert.equal(history.sessions[0]!.turns[1]!.role, 'assistant');
});

test('PersonaMem: one context up to an end index, system persona left out', async () => {
  const file = join(fixtures, 'personamem/__fixtures__/shared_contexts.jsonl');
  await assert.rejects(loadHistory('personamem', file), /--context-id/);
  const id = 'a3f1c0de9b7e4d2a8c6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
  const history = await loadHistory('personamem', file, { contextId: id, endIndex: 3 });
  const turns = history.sessions.flatMap((s) => s.turns);
  assert.deepEqual(turns.map((t) => t.externalId), ['m1', 'm2'], 'message 0 is the system persona; [0, 3) ends at message 2');
  assert.match(turns[0]!.text, /hiking/);
});

test('LoCoMo: a file of several conversations needs --context-id', async () => {
  await assert.rejects(loadHistory('locomo', LOCOMO), /--context-id \(one of: conv-26/);
  const history = await loadHistory('locomo', LOCOMO, { contextId: 'conv-26' });
  assert.equal(history.source, 'locomo:conv-26');
  assert.equal(history.sessions[0]!.turns[0]!.externalId, 'D1:1');
});

test('JSONL: sessions by key or by time gap, images relative to the file, clear line errors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-jsonl-'));
  await copyFile(join(fixtures, 'persona-mme/__fixtures__/samples/50/0/laptop_mouse.png'), join(dir, 'mouse.png'));
  const lines = [
    { role: 'user', text: 'Look at my mouse', at: '2024-03-01T09:00:00Z', images: ['mouse.png', { caption: 'a red mouse' }] },
    { role: 'assistant', text: 'Nice!', at: '2024-03-01T09:01:00Z' },
    { role: 'user', text: 'Next day', at: '2024-03-02T09:00:00Z', speaker: 'Ann', id: 'x1' },
  ];
  const file = join(dir, 'turns.jsonl');
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const history = await loadHistory('jsonl', file);
  assert.deepEqual(history.sessions.map((s) => s.turns.length), [2, 1]);
  assert.ok(history.sessions[0]!.turns[0]!.images![0]!.bytes![0] === 0x89, "the PNG bytes were read");
  assert.equal(history.sessions[0]!.turns[0]!.images![1]!.caption, 'a red mouse');
  assert.equal(history.sessions[1]!.turns[0]!.externalId, 'x1');

  await writeFile(file, `${JSON.stringify({ ...lines[0], session: 'a', images: [] })}\n${JSON.stringify({ ...lines[2], session: 'a' })}\n`);
  assert.equal((await loadHistory('jsonl', file)).sessions.length, 1, 'an explicit session key wins over the gap');
  await writeFile(file, '{"role": "user", "text": "hi", "at": "yesterday"}\n');
  await assert.rejects(loadHistory('jsonl', file), /line 1: .*at: is not a date/);
});

test('JSONL is all or nothing: every bad line is reported with its number, an oversized one included', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pvlm-jsonl-bad-'));
  const file = join(dir, 'turns.jsonl');
  const good = (text: string, minute: number) => JSON.stringify({ role: 'user', text, at: `2024-03-01T09:${String(minute).padStart(2, '0')}:00Z` });
  await writeFile(file, [good('one', 0), good('x'.repeat(101), 1), good('three', 2), '{not json', good('five', 4), JSON.stringify({ role: 'bot', text: 'six', at: '2024-03-01T09:05:00Z' }), JSON.stringify({ role: 'user', text: 'seven', at: '2024-03-01T09:06:00Z', images: ['missing.png'] })].join('\n'));
  await assert.rejects(loadHistory('jsonl', file, { maxTextChars: 100 }), (error: unknown) => {
    const message = (error as Error).message;
    assert.match(message, /has 4 bad line\(s\); nothing was imported/);
    assert.match(message, /line 2: text is 101 characters, over the limit of 100 \(split the turn, or raise store\.maxTextChars \/ PERSONAVLM_MAX_TEXT_CHARS\)/);
    assert.match(message, /line 4: not a turn/);
    assert.match(message, /line 6: not a turn .*role/);
    assert.match(message, /line 7: image .*missing\.png is not readable/);
    assert.doesNotMatch(message, /line [135]:/);
    return true;
  });
  assert.equal((await loadHistory('jsonl', file.replace('turns', 'none')).catch((error: Error) => error.message)).toString().includes('Cannot read'), true);
});
