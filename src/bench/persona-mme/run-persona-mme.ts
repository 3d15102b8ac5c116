// The Persona-MME runner: replay each user's history through the update phase, then ask every question at
// its time (multiple choice) and each alignment text as a yes/no question. Results go to results.jsonl as they
// are graded, so a stopped run resumes where it was; a user whose items are all graded is not touched again.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ModelAccounting } from '../../model/ports.ts';
import { buildAlignmentQuestion } from '../../prompts/choice-alignment.ts';
import { buildChoiceQuestion } from '../../prompts/choice-question.ts';
import { gradeChoice } from '../qa/graded-choice.ts';
import { askAndMeasure } from '../qa/measure-answer.ts';
import { writeReportFiles, type ReportPaths } from '../qa/report-files.ts';
import { openResultsJournal } from '../qa/results-journal.ts';
import { requireModel, type BenchSubject } from '../qa/subject.ts';
import { extractChoice, parseGoldLetter } from '../scoring/choice-letter.ts';
import { extractYesNo } from '../scoring/yes-no.ts';
import { groupByUser, loadPersonaMmeQuestions, type PersonaMmeQuestion } from './load-questions.ts';
import { loadPersonaMmeUser, resolveDataPath } from '../../datasets/persona-mme/load-user.ts';
import { renderPersonaMmeReport, summarizePersonaMme, type PersonaMmeReport } from './summarize.ts';
import type { PersonaMmeResult } from './results.ts';
import { ALIGNMENT_ASPECT } from './tasks.ts';

export interface PersonaMmeRunOptions {
  questionsFile: string;
  /** The folder data_path entries are relative to (the official repository root). */
  dataRoot?: string;
  outDir: string;
  /** The system under test; absent when no model is configured, which is an error. */
  subject: BenchSubject | null | undefined;
  /** The accounting every model call of the subject is recorded in. */
  accounting: ModelAccounting;
  modelId?: string;
  /** Only the first N users of the question file. */
  limitUsers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface PersonaMmeRun {
  report: PersonaMmeReport;
  paths: ReportPaths;
}

export const userIdFor = (dataPath: string): string => `persona-mme:${createHash('sha256').update(dataPath).digest('hex').slice(0, 12)}`;

interface PendingItem {
  id: string;
  question: PersonaMmeQuestion;
  alignment?: 'chosen' | 'rejected';
}

function itemsOf(question: PersonaMmeQuestion): PendingItem[] {
  const items: PendingItem[] = [{ id: question.id, question }];
  if (question.alignment) items.push({ id: `${question.id}:chosen`, question, alignment: 'chosen' }, { id: `${question.id}:rejected`, question, alignment: 'rejected' });
  return items;
}

export async function runPersonaMme(options: PersonaMmeRunOptions): Promise<PersonaMmeRun> {
  const subject = requireModel(options.subject, 'The Persona-MME benchmark');
  const questions = await loadPersonaMmeQuestions(options.questionsFile);
  const users = [...groupByUser(questions)].slice(0, options.limitUsers ?? Infinity);
  const journal = await openResultsJournal<PersonaMmeResult>(join(options.outDir, 'results.jsonl'));
  const total = users.reduce((sum, [, userQuestions]) => sum + userQuestions.flatMap(itemsOf).length, 0);
  const resumed = users.flatMap(([, userQuestions]) => userQuestions.flatMap(itemsOf)).filter((item) => journal.has(item.id)).length;
  let done = resumed;
  options.onProgress?.(done, total);

  for (const [dataPath, userQuestions] of users) {
    const pending = userQuestions.flatMap(itemsOf).filter((item) => !journal.has(item.id));
    if (pending.length === 0) continue;
    const userId = userIdFor(dataPath);
    const file = await resolveDataPath(dataPath, { dataRoot: options.dataRoot, questionsFile: options.questionsFile });
    const user = await loadPersonaMmeUser(dataPath, file);
    await subject.remember(userId, user.history, { profile: user.profile });

    for (const item of pending) {
      const { question } = item;
      const text = item.alignment ? buildAlignmentQuestion(question.query, question.alignment![item.alignment]) : buildChoiceQuestion(question.query, question.choices);
      const answer = await askAndMeasure(subject, options.accounting, { userId, text, at: question.at });
      const { text: response, ...cost } = answer;
      const base = { id: item.id, userId, dataPath, response, ...cost };
      if (item.alignment) {
        const verdict = extractYesNo(response);
        const expected = item.alignment === 'chosen' ? 'yes' : 'no';
        await journal.append({ ...base, kind: 'alignment', aspect: ALIGNMENT_ASPECT, task: question.task, ...gradeChoice(expected, verdict.answer, verdict.reason) });
      } else {
        const letters = Object.keys(question.choices).map((key) => parseGoldLetter(key) ?? key);
        const choice = extractChoice(response, letters, question.choices);
        await journal.append({ ...base, kind: 'choice', aspect: question.aspect, task: question.task, ...gradeChoice(question.answer, choice.letter, choice.reason) });
      }
      options.onProgress?.(++done, total);
    }
  }

  const wanted = new Set(users.flatMap(([, userQuestions]) => userQuestions.flatMap(itemsOf).map((item) => item.id)));
  const report = summarizePersonaMme(journal.records().filter((record) => wanted.has(record.id)), {
    questionsFile: options.questionsFile,
    users: users.length,
    modelId: options.modelId ?? null,
    resumed,
    truncatedLines: journal.truncatedLines,
    accounting: options.accounting,
  });
  const paths = await writeReportFiles(options.outDir, renderPersonaMmeReport(report), report);
  return { report, paths };
}
