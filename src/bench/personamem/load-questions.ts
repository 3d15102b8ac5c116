// PersonaMem's questions CSV (Jiang et al. 2025). The released files name the question column `question` or
// `user_question_or_message`; everything else the runner reads is required. Quoted fields hold commas,
// quotes and newlines, hence a real CSV parser.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../errors/index.ts';
import { parseGoldLetter } from '../scoring/choice-letter.ts';
import { letterOptions, parseOptionList } from './parse-options.ts';

export interface PersonaMemQuestion {
  /** question_id when the file has one, else a hash of context, end index and question. */
  id: string;
  question: string;
  /** Lower-case letter. */
  answer: string;
  /** Option text by letter, in display order. */
  options: Record<string, string>;
  contextId: string;
  /** The question sees the context's messages [0, endIndex). */
  endIndex: number;
  questionType: string;
}

const REQUIRED = ['correct_answer', 'all_options', 'shared_context_id', 'end_index_in_shared_context', 'question_type'] as const;

export function parsePersonaMemQuestions(csv: string, source: string): PersonaMemQuestion[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false }) as Record<string, string>[];
  } catch (error) {
    throw new InvalidInputError(`${source} is not a readable CSV file: ${(error as Error).message}`, { cause: error });
  }
  const columns = Object.keys(rows[0] ?? {});
  const questionColumn = ['question', 'user_question_or_message'].find((column) => columns.includes(column));
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (rows.length > 0 && (!questionColumn || missing.length > 0)) {
    throw new InvalidInputError(`${source} is not a PersonaMem questions file: missing column(s) ${[...(questionColumn ? [] : ['question']), ...missing].join(', ')}.`);
  }
  return rows.map((row, index) => {
    const where = `${source} row ${index + 2}`;
    const options = letterOptions(parseOptionList(row.all_options!, where));
    const answer = parseGoldLetter(row.correct_answer!);
    if (!answer || !(answer in options)) throw new InvalidInputError(`${where}: correct_answer "${row.correct_answer}" is not one of its options.`);
    const endIndex = Number(row.end_index_in_shared_context);
    if (!Number.isInteger(endIndex) || endIndex < 0) throw new InvalidInputError(`${where}: end_index_in_shared_context "${row.end_index_in_shared_context}" is not a whole number.`);
    const question = row[questionColumn!]!;
    const contextId = row.shared_context_id!.trim();
    const id = row.question_id?.trim() || createHash('sha256').update(`${contextId}\n${endIndex}\n${question}`).digest('hex').slice(0, 16);
    return { id, question, answer, options, contextId, endIndex, questionType: row.question_type!.trim() };
  });
}

export async function loadPersonaMemQuestions(path: string): Promise<PersonaMemQuestion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`Cannot read the PersonaMem questions file "${path}". Check --questions.`, { cause: error });
  }
  return parsePersonaMemQuestions(text, path);
}
