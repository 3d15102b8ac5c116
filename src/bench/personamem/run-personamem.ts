// The PersonaMem runner: for each context, questions in ascending end index; before each question the context
// is replayed up to its end index (only the part not yet replayed in this run, see datasets/personamem/segment-history.ts), then it is
// asked. Results go to results.jsonl as graded; a re-run asks only what is missing and replays a context only
// as far as its last missing question, never past a question's end index (memory-owner.ts).
import { join } from 'node:path';
import type { ModelAccounting } from '../../model/ports.ts';
import { buildResponseChoice } from '../../prompts/choice-response.ts';
import { gradeChoice } from '../qa/graded-choice.ts';
import { askAndMeasure } from '../qa/measure-answer.ts';
import { writeReportFiles, type ReportPaths } from '../qa/report-files.ts';
import { openResultsJournal } from '../qa/results-journal.ts';
import { requireModel, type BenchSubject } from '../qa/subject.ts';
import { extractChoice } from '../scoring/choice-letter.ts';
import { loadPersonaMemContexts } from '../../datasets/personamem/load-contexts.ts';
import { loadPersonaMemQuestions, type PersonaMemQuestion } from './load-questions.ts';
import { markReplayed, ownerFor, type ReplayMark } from './memory-owner.ts';
import { messageTime, segmentHistory } from '../../datasets/personamem/segment-history.ts';
import type { PersonaMemResult } from './results.ts';
import { renderPersonaMemReport, summarizePersonaMem, type PersonaMemReport } from './summarize.ts';

export interface PersonaMemRunOptions {
  questionsFile: string;
  contextsFile: string;
  outDir: string;
  subject: BenchSubject | null | undefined;
  accounting: ModelAccounting;
  modelId?: string;
  /** Only the first N questions of the file. */
  limitQuestions?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface PersonaMemRun {
  report: PersonaMemReport;
  paths: ReportPaths;
}

function byContext(questions: readonly PersonaMemQuestion[]): Map<string, PersonaMemQuestion[]> {
  const groups = new Map<string, PersonaMemQuestion[]>();
  for (const question of questions) {
    let group = groups.get(question.contextId);
    if (!group) groups.set(question.contextId, (group = []));
    group.push(question);
  }
  // Stable sort: questions with the same end index keep file order.
  for (const group of groups.values()) group.sort((a, b) => a.endIndex - b.endIndex);
  return groups;
}

export async function runPersonaMem(options: PersonaMemRunOptions): Promise<PersonaMemRun> {
  const subject = requireModel(options.subject, 'The PersonaMem benchmark');
  const questions = (await loadPersonaMemQuestions(options.questionsFile)).slice(0, options.limitQuestions ?? Infinity);
  const journal = await openResultsJournal<PersonaMemResult | ReplayMark>(join(options.outDir, 'results.jsonl'));
  const pendingContexts = new Set(questions.filter((question) => !journal.has(question.id)).map((question) => question.contextId));
  const contexts = await loadPersonaMemContexts(options.contextsFile, pendingContexts);
  const resumed = questions.filter((question) => journal.has(question.id)).length;
  let done = resumed;
  options.onProgress?.(done, questions.length);

  for (const [contextId, group] of byContext(questions)) {
    if (!pendingContexts.has(contextId)) continue;
    const messages = contexts.get(contextId)!;
    let owner = null as { userId: string; replayedTo: number } | null;
    for (const question of group) {
      if (journal.has(question.id)) continue;
      const userId = ownerFor(journal, contextId, question.endIndex, owner);
      if (userId !== owner?.userId) owner = { userId, replayedTo: 0 };
      if (question.endIndex > owner.replayedTo) {
        const history = segmentHistory(contextId, messages, owner.replayedTo, question.endIndex);
        if (history.sessions.length > 0) await subject.remember(userId, history);
        owner.replayedTo = question.endIndex;
        await markReplayed(journal, userId, question.endIndex);
      }
      const answer = await askAndMeasure(subject, options.accounting, { userId, text: buildResponseChoice(question.question, question.options), at: messageTime(question.endIndex) });
      const { text: response, ...cost } = answer;
      const choice = extractChoice(response, Object.keys(question.options), question.options);
      await journal.append({
        id: question.id,
        userId,
        contextId,
        endIndex: question.endIndex,
        questionType: question.questionType,
        ...gradeChoice(question.answer, choice.letter, choice.reason),
        response,
        ...cost,
      });
      options.onProgress?.(++done, questions.length);
    }
  }

  const wanted = new Set(questions.map((question) => question.id));
  const results = journal.records().filter((record): record is PersonaMemResult => record.kind !== 'replay' && wanted.has(record.id));
  const report = summarizePersonaMem(results, {
    questionsFile: options.questionsFile,
    contextsFile: options.contextsFile,
    contexts: new Set(questions.map((question) => question.contextId)).size,
    modelId: options.modelId ?? null,
    resumed,
    truncatedLines: journal.truncatedLines,
    accounting: options.accounting,
  });
  const paths = await writeReportFiles(options.outDir, renderPersonaMemReport(report), report);
  return { report, paths };
}
