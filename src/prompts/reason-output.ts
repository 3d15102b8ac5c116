// The parser of every reasoning round's output: <think>…</think> then <answer>…</answer> or <retrieve>…</retrieve>.
// Tolerant (missing closing tags, both decisions, no tags, broken JSON) but never silent: each fallback comes
// back as a warning the agent emits.
import { extractAnswer } from './reason-answer-stream.ts';
import { parseRetrieveArguments, type ReasonWarning, type RetrieveRequest } from './reason-retrieve.ts';

export type { ReasonWarning, RetrieveRequest } from './reason-retrieve.ts';

export type ReasonOutput =
  | { kind: 'answer'; think: string | null; answer: string; warnings: ReasonWarning[] }
  | { kind: 'retrieve'; think: string | null; request: RetrieveRequest; warnings: ReasonWarning[] };

export interface ReasonParseOptions {
  /** The final round: whatever the model wrote becomes the answer (never empty). */
  mustAnswer?: boolean;
  /** Zone in which <retrieve> start_time/end_time are wall-clock times (memory.timeZone); default UTC. */
  timeZone?: string;
}

/** What the user reads when the model produced no usable text at all; a warning always accompanies it. */
export const EMPTY_ANSWER_FALLBACK = "Sorry, I couldn't put a reply together just now. Could you ask me again?";

const RETRIEVE = /<retrieve>([\s\S]*?)(<\/retrieve>|<answer>|$)/i;
const ANY_TAG = /<\/?(think|answer|retrieve)>/gi;

/**
 * Separates the reasoning from the rest. Closed <think> blocks are removed whole (tags inside them are musings);
 * an unclosed one runs to the first decision tag, the same rule the stream filter applies.
 */
function splitThink(text: string, warnings: ReasonWarning[]): { think: string | null; rest: string } {
  let think: string | null = null;
  let rest = text.replace(/<think>([\s\S]*?)<\/think>/gi, (_block, body: string) => {
    think ??= body.trim();
    return '';
  });
  const open = /<think>/i.exec(rest);
  if (open) {
    warnings.push({ code: 'model_output_repaired', message: 'The model did not close <think>; read it up to the next tag.' });
    const after = rest.slice(open.index + open[0].length);
    const decision = after.search(/<(answer|retrieve)>/i);
    think ??= (decision < 0 ? after : after.slice(0, decision)).trim();
    rest = rest.slice(0, open.index) + (decision < 0 ? '' : after.slice(decision));
  }
  return { think: think || null, rest };
}

/** The model's words (reasoning already removed) without markup and retrieve calls; then its reasoning; then the fallback. */
function salvageAnswer(rest: string, think: string | null, warnings: ReasonWarning[]): string {
  const prose = rest
    .replace(/<retrieve>[\s\S]*?(<\/retrieve>|$)/gi, '')
    .replace(ANY_TAG, '')
    .trim();
  if (prose !== '') return prose;
  if (think) return think;
  warnings.push({ code: 'answer_empty', message: 'The model wrote nothing usable as an answer; a stock reply was sent.' });
  return EMPTY_ANSWER_FALLBACK;
}

function retrieveFrom(text: string, think: string | null, warnings: ReasonWarning[], timeZone: string | undefined): ReasonOutput {
  const match = RETRIEVE.exec(text);
  const body = match?.[1] ?? '';
  if (match && match[2]?.toLowerCase() !== '</retrieve>')
    warnings.push({ code: 'model_output_repaired', message: 'The model did not close <retrieve>; read it up to the next tag.' });
  const parsed = parseRetrieveArguments(body, timeZone);
  return { kind: 'retrieve', think, request: parsed.request, warnings: [...warnings, ...parsed.warnings] };
}

export function parseReasonOutput(text: string, options: ReasonParseOptions = {}): ReasonOutput {
  const warnings: ReasonWarning[] = [];
  const { think, rest } = splitThink(text, warnings);
  // The answer is read by the stream filter itself, so it always equals what was streamed.
  const first = extractAnswer(text);
  const hasRetrieve = /<retrieve>/i.test(rest);
  const hasAnswer = /<answer>/i.test(rest);
  const answer = (value: string): ReasonOutput => ({ kind: 'answer', think, answer: value, warnings });

  if (first.decision === 'answer') {
    if (!first.closed)
      warnings.push({ code: 'model_output_repaired', message: 'The model did not close <answer>; read it to the end.' });
    if (hasRetrieve)
      warnings.push({ code: 'model_output_ambiguous', message: 'The model wrote both <answer> and <retrieve>; the first one, <answer>, was used.' });
    if (first.answer !== '') return answer(first.answer);
    if (hasRetrieve && !options.mustAnswer) return retrieveFrom(rest, think, warnings, options.timeZone);
    return answer(salvageAnswer(rest.replace(/<answer>\s*(<\/answer>)?/i, ''), think, warnings));
  }

  if (first.decision === 'retrieve') {
    if (!options.mustAnswer) {
      if (hasAnswer)
        warnings.push({ code: 'model_output_ambiguous', message: 'The model wrote both <retrieve> and <answer>; the first one, <retrieve>, was used.' });
      return retrieveFrom(rest, think, warnings, options.timeZone);
    }
    const later = extractAnswer(rest.replace(/<retrieve>[\s\S]*?(<\/retrieve>|(?=<answer>)|$)/i, ''));
    warnings.push({ code: 'final_round_not_answered', message: 'The model tried to retrieve in the last round; its text was used as the answer.' });
    return answer(later.answer !== '' ? later.answer : salvageAnswer(rest, think, warnings));
  }

  const prose = rest.replace(ANY_TAG, '').trim();
  if (prose === '' && !options.mustAnswer) {
    warnings.push({
      code: 'model_output_empty',
      message: 'The model wrote neither <answer> nor <retrieve>, and no text; retrieved with the user input.',
      feedback: "Your last reply had neither <answer> nor <retrieve>, so the search used the user's message. Reply with <answer>…</answer> or <retrieve>…</retrieve>.",
    });
    return { kind: 'retrieve', think, request: { keywords: [], range: null, types: null }, warnings };
  }
  warnings.push({ code: 'model_output_untagged', message: 'The model wrote neither <answer> nor <retrieve>; its text was used as the answer.' });
  return answer(salvageAnswer(rest, think, warnings));
}
