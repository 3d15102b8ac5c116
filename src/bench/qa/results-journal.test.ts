import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openResultsJournal } from './results-journal.ts';

test('journal: appends, reloads, drops a line cut off by a crash, rejects a corrupt middle line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'journal-'));
  try {
    const path = join(dir, 'nested', 'results.jsonl');
    const journal = await openResultsJournal<{ id: string; correct: boolean }>(path);
    assert.equal(journal.has('q1'), false);
    await journal.append({ id: 'q1', correct: true });
    await journal.append({ id: 'q2', correct: false });
    await appendFile(path, '{"id":"q3","corr');
    const reopened = await openResultsJournal<{ id: string; correct: boolean }>(path);
    assert.equal(reopened.truncatedLines, 1);
    assert.deepEqual(reopened.records().map((record) => record.id), ['q1', 'q2']);
    await reopened.append({ id: 'q3', correct: true });
    const third = await openResultsJournal(path);
    assert.deepEqual(third.records().map((record) => record.id), ['q1', 'q2', 'q3'], 'the new record did not glue onto the cut-off line');
    assert.equal((await readFile(path, 'utf8')).split('\n').length, 4);

    await writeFile(path, '{"id":"a"}\nnot json\n{"id":"b"}\n');
    await assert.rejects(openResultsJournal(path), /Line 2 of the results file .* is not a result record/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
