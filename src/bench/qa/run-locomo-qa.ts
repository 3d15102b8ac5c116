// LoCoMo QA (BENCHMARKS.md § 2): replay each conversation into one memory owner through the update phase, then
// the system answers every question just after the last session; graded by token F1 against the gold answer
// (LoCoMo's normalization, Porter stems) and by the pinned LLM judge, per category, with tokens and latency per
// answer.
//
// Category 5 (adversarial): the conversation does not answer these; `adversarial_answer` is the tempting
// wrong answer, not a gold one. So F1 is not computed for them; they are graded as LoCoMo's own scorer does,
// correct when the reply declines (abstention), and by the judge with the abstention prompt (CORRECT = it
// declined and did not assert the trap). The headline "overall" follows mem0 and others: categories 1–4; a
// second figure includes category 5.
import { join } from 'node:path';
import type { ChatClient, ModelAccounting } from '../../model/ports.ts';
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';
// The same moment retrieval mode asks at, so the two modes measure the same memory.
import { ASK_AFTER_MS } from '../locomo/run-retrieval.ts';
import { isAbstention } from '../scoring/abstention.ts';
import { porterStem } from '../scoring/porter-stem.ts';
import { tokenF1 } from '../scoring/token-f1.ts';
import { judge } from './judge.ts';
import type { LocomoQaResult } from './locomo-qa-results.ts';
import { renderLocomoQaReport, summarizeLocomoQa, type LocomoQaReport } from './locomo-qa-summary.ts';
import { askAndMeasure } from './measure-answer.ts';
import { writeReportFiles, type ReportPaths } from './report-files.ts';
import { openResultsJournal } from './results-journal.ts';
import { requireModel, type BenchSubject } from './subject.ts';

export const ADVERSARIAL_CATEGORY = 5;

export interface LocomoQaRunOptions {
  conversations: readonly LocomoConversation[];
  dataset: string;
  outDir: string;
  subject: BenchSubject | null | undefined;
  /** The judge model (may be the same client as the system's). */
  judge: ChatClient | null | undefined;
  accounting: ModelAccounting;
  modelId?: string;
  /** Only these categories (default: all five). */
  categories?: readonly number[];
  /** At most this many questions per conversation (in file order), for quick runs. */
  limitPerConversation?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LocomoQaRun {
  report: LocomoQaReport;
  paths: ReportPaths;
}

interface Item {
  id: string;
  index: number;
  question: LocomoConversation['questions'][number];
}

function itemsOf(conversation: LocomoConversation, options: LocomoQaRunOptions): Item[] {
  return conversation.questions
    .map((question, index) => ({ id: `${conversation.sampleId}#${index}`, index, question }))
    .filter((item) => !options.categories || options.categories.includes(item.question.category))
    .slice(0, options.limitPerConversation ?? Infinity);
}

export const locomoUserId = (sampleId: string): string => `locomo:${sampleId}`;

function askTime(conversation: LocomoConversation): Date {
  const times = conversation.history.sessions.flatMap((session) => session.turns.map((turn) => turn.at.getTime()));
  return new Date(Math.max(...times) + ASK_AFTER_MS);
}

export async function runLocomoQa(options: LocomoQaRunOptions): Promise<LocomoQaRun> {
  const subject = requireModel(options.subject, 'LoCoMo QA');
  const judgeClient = requireModel(options.judge, 'The LoCoMo QA judge');
  const journal = await openResultsJournal<LocomoQaResult>(join(options.outDir, 'results.jsonl'));
  const all = options.conversations.flatMap((conversation) => itemsOf(conversation, options));
  const resumed = all.filter((item) => journal.has(item.id)).length;
  let done = resumed;
  options.onProgress?.(done, all.length);

  for (const conversation of options.conversations) {
    const pending = itemsOf(conversation, options).filter((item) => !journal.has(item.id));
    if (pending.length === 0) continue;
    const userId = locomoUserId(conversation.sampleId);
    await subject.remember(userId, conversation.history);
    const at = askTime(conversation);
    for (const { id, question } of pending) {
      const { text: response, ...cost } = await askAndMeasure(subject, options.accounting, { userId, text: question.question, at });
      const adversarial = question.category === ADVERSARIAL_CATEGORY;
      const verdict = adversarial
        ? await judge(judgeClient, { kind: 'abstention', question: question.question, trap: question.answer, answer: response })
        : await judge(judgeClient, { kind: 'answer', question: question.question, gold: question.answer, answer: response });
      await journal.append({
        id,
        sampleId: conversation.sampleId,
        userId,
        category: question.category,
        question: question.question,
        gold: question.answer,
        response,
        f1: adversarial ? null : tokenF1(response, question.answer, porterStem),
        abstained: adversarial ? isAbstention(response) : null,
        judge: verdict.label,
        judgeReason: verdict.reason,
        ...cost,
      });
      options.onProgress?.(++done, all.length);
    }
  }

  const wanted = new Set(all.map((item) => item.id));
  const report = summarizeLocomoQa(journal.records().filter((record) => wanted.has(record.id)), {
    dataset: options.dataset,
    conversations: options.conversations.length,
    modelId: options.modelId ?? null,
    judgeModelId: judgeClient.modelId,
    resumed,
    truncatedLines: journal.truncatedLines,
    accounting: options.accounting,
  });
  const paths = await writeReportFiles(options.outDir, renderLocomoQaReport(report), report);
  return { report, paths };
}
