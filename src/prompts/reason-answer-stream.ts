// Incremental reading of the reasoning output: while the model streams, forward only the text inside
// <answer>. The parser extracts the final answer with this same filter, so the deltas a consumer received
// always add up to the answer (tested on every split of the text).
//
// Tags inside <think>…</think> are the model's musings, not decisions. An unclosed <think> is common in small
// models, though, so a decision tag inside a think block counts when the block never closes; until the stream
// tells, such an answer is held back and sent at the end.

export type ReasonDecision = 'answer' | 'retrieve';

export interface AnswerStreamFilter {
  /** Feeds a chunk; returns the answer text that can be forwarded now (often ''). */
  push(chunk: string): string;
  /** Ends the stream; returns what was held back. */
  end(): string;
  /** The decision tag that counts (<answer> or <retrieve>), null while none. */
  readonly decision: ReasonDecision | null;
  /** True when the answer ended with a tag (</answer>, or a <retrieve> after it), false when it ran to the end. */
  readonly closed: boolean;
}

type State = 'seek' | 'think' | 'think-answer' | 'think-retrieve' | 'answer' | 'done';

const TAGS: Record<'seek' | 'think' | 'answer', { pattern: RegExp; tags: string[] }> = {
  seek: { pattern: /<(think|answer|retrieve)>/i, tags: ['<think>', '<answer>', '<retrieve>'] },
  think: { pattern: /<(\/think|answer|retrieve)>/i, tags: ['</think>', '<answer>', '<retrieve>'] },
  answer: { pattern: /<(\/answer|retrieve)>/i, tags: ['</answer>', '<retrieve>'] },
};
const THINK_CLOSE = /<\/think>/i;

/** Index where a partial tag may begin at the end of `text` (held back until the next chunk decides), else length. */
function holdFrom(text: string, tags: string[]): number {
  const at = text.lastIndexOf('<');
  if (at < 0) return text.length;
  const tail = text.slice(at).toLowerCase();
  return tags.some((tag) => tag.startsWith(tail)) ? at : text.length;
}

export function createAnswerStreamFilter(): AnswerStreamFilter {
  let state: State = 'seek';
  let decision: ReasonDecision | null = null;
  let closed = false;
  let pending = '';
  let started = false;
  // Whitespace after the last emitted word: sent only if more words follow, so the deltas equal the trimmed answer.
  let heldSpace = '';

  const emit = (text: string, last: boolean): string => {
    const body = started ? text : text.trimStart();
    const trimmed = body.trimEnd();
    if (trimmed === '') {
      if (started && !last) heldSpace += body;
      return '';
    }
    const out = heldSpace + trimmed;
    heldSpace = last ? '' : body.slice(trimmed.length);
    started = true;
    return out;
  };

  /** Runs the state machine over `pending` as far as it can; returns the answer text it can release. */
  const advance = (): string => {
    for (;;) {
      if (state === 'think-answer' || state === 'think-retrieve') {
        const close = THINK_CLOSE.exec(pending);
        if (!close) return '';
        // The think block closed after all: what looked like a decision was part of it.
        pending = pending.slice(close.index + close[0].length);
        state = 'seek';
        continue;
      }
      if (state === 'done') {
        pending = '';
        return '';
      }
      const { pattern, tags } = TAGS[state];
      const match = pattern.exec(pending);
      if (!match) {
        const cut = holdFrom(pending, tags);
        const safe = pending.slice(0, cut);
        pending = pending.slice(cut);
        return state === 'answer' ? emit(safe, false) : '';
      }
      const tag = (match[1] ?? '').toLowerCase();
      const before = pending.slice(0, match.index);
      const after = pending.slice(match.index + match[0].length);
      if (state === 'answer') {
        pending = '';
        state = 'done';
        closed = true;
        return emit(before, true);
      }
      if (state === 'think') {
        if (tag === '/think') {
          state = 'seek';
          pending = after;
        } else {
          state = tag === 'answer' ? 'think-answer' : 'think-retrieve';
          // Keep the tag: if the block never closes, the answer is read from here at the end.
          pending = pending.slice(match.index);
        }
        continue;
      }
      pending = after;
      if (tag === 'think') state = 'think';
      else if (tag === 'answer') {
        decision = 'answer';
        state = 'answer';
      } else {
        decision = 'retrieve';
        state = 'done';
      }
    }
  };

  return {
    push(chunk) {
      if (state === 'done') return '';
      pending += chunk;
      return advance();
    },
    end() {
      if (state === 'think-answer' || state === 'think-retrieve') {
        // The think block never closed: the decision tag in it counts.
        state = 'seek';
        const released = advance();
        return released + this.end();
      }
      if (state !== 'answer') {
        state = 'done';
        return '';
      }
      state = 'done';
      // What is held back is a partial tag; a truncated one ("</ans") is markup, a lone "<" may be text.
      const body = pending.length > 1 ? '' : pending;
      pending = '';
      return emit(body, true);
    },
    get decision() {
      return decision;
    },
    get closed() {
      return closed;
    },
  };
}

/** The whole-text form of the filter: what a stream of `text` would have forwarded. */
export function extractAnswer(text: string): { decision: ReasonDecision | null; answer: string; closed: boolean } {
  const filter = createAnswerStreamFilter();
  const answer = filter.push(text) + filter.end();
  return { decision: filter.decision, answer, closed: filter.closed };
}
