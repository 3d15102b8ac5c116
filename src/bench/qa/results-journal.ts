// The append-only results file that makes long benchmark runs resumable: one JSON line per graded item,
// written as soon as it is graded. A re-run reads it and skips what is there. A last line cut off by a crash
// is removed and counted (the item is simply asked again); any other malformed line is an error, because a
// journal edited by hand or mixed from two runs would silently skew the figures.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';

export interface JournalRecord {
  id: string;
  [field: string]: unknown;
}

export interface ResultsJournal<R extends JournalRecord> {
  readonly path: string;
  /** Lines dropped because the previous run stopped while writing them. */
  readonly truncatedLines: number;
  has(id: string): boolean;
  get(id: string): R | undefined;
  records(): R[];
  append(record: R): Promise<void>;
}

export async function openResultsJournal<R extends JournalRecord>(path: string): Promise<ResultsJournal<R>> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InvalidInputError(`Cannot read the results file "${path}".`, { cause: error });
  }
  const byId = new Map<string, R>();
  const lines = text.split('\n');
  let truncatedLines = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const record = JSON.parse(line) as R;
      if (typeof record.id !== 'string') throw new Error('no id');
      byId.set(record.id, record);
    } catch (error) {
      const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (isLast && !text.endsWith('\n')) {
        truncatedLines += 1;
        return;
      }
      throw new InvalidInputError(`Line ${index + 1} of the results file "${path}" is not a result record. Delete the file to start over, or move it away.`, { cause: error });
    }
  });
  await mkdir(dirname(path), { recursive: true });
  // The cut-off line goes, or the next record would be glued onto it.
  if (truncatedLines > 0) await writeFile(path, text.slice(0, text.lastIndexOf('\n') + 1), 'utf8');
  return {
    path,
    truncatedLines,
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    records: () => [...byId.values()],
    async append(record) {
      await appendFile(path, `${JSON.stringify(record)}\n`, 'utf8');
      byId.set(record.id, record);
    },
  };
}
