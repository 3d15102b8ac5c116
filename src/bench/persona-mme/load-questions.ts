// Reads the Persona-MME question list, gives every question a stable id (for resuming), its aspect and
// task, and the user it belongs to (one per data_path).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../errors/index.ts';
import { parseGoldLetter } from '../scoring/choice-letter.ts';
import { parsePersonaMmeTime } from '../../datasets/persona-mme/parse-time.ts';
import { personaMmeQuestionFileSchema } from '../../datasets/persona-mme/schema.ts';
import { aspectOf } from './tasks.ts';

export interface PersonaMmeQuestion {
  /** Stable across runs: a hash of data_path, time and query (with a counter for exact repeats). */
  id: string;
  dataPath: string;
  aspect: string;
  task: string;
  at: Date;
  query: string;
  /** By key as in the file ("(a)"), in display order. */
  choices: Record<string, string>;
  /** Lower-case letter of the right option. */
  answer: string;
  alignment: { chosen: string; rejected: string } | null;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function parsePersonaMmeQuestions(data: unknown, source: string): PersonaMmeQuestion[] {
  const parsed = personaMmeQuestionFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new InvalidInputError(`${source} is not a Persona-MME question file: ${issues.join('; ')}`, { cause: parsed.error });
  }
  const seen = new Map<string, number>();
  return parsed.data.map((record, index) => {
    const where = `${source} question ${index}`;
    const answer = parseGoldLetter(record.answer);
    const letters = Object.keys(record.choices).map(parseGoldLetter);
    if (!answer || !letters.includes(answer)) throw new InvalidInputError(`${where}: answer "${record.answer}" is not one of its choices.`);
    const base = hash(`${record.data_path}\n${record.time}\n${record.query}`);
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return {
      id: repeat === 0 ? base : `${base}-${repeat}`,
      dataPath: record.data_path,
      aspect: aspectOf(record.question_type, record.type),
      task: record.question_type.trim(),
      at: parsePersonaMmeTime(record.time, where),
      query: record.query,
      choices: record.choices,
      answer,
      alignment: record.alignment ? { chosen: record.alignment.chosen, rejected: record.alignment.rejected } : null,
    };
  });
}

export async function loadPersonaMmeQuestions(path: string): Promise<PersonaMmeQuestion[]> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`Cannot read the Persona-MME question file "${path}" as JSON. Check --questions.`, { cause: error });
  }
  return parsePersonaMmeQuestions(data, path);
}

/** Questions grouped by user (data_path), users in first-seen order, questions in file order. */
export function groupByUser(questions: readonly PersonaMmeQuestion[]): Map<string, PersonaMmeQuestion[]> {
  const groups = new Map<string, PersonaMmeQuestion[]>();
  for (const question of questions) {
    let group = groups.get(question.dataPath);
    if (!group) groups.set(question.dataPath, (group = []));
    group.push(question);
  }
  return groups;
}
