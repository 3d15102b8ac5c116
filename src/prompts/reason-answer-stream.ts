// Incremental reading of the reasoning output: while the model streams, forward only the text inside
// <answer>. The parser extracts the final answer with this same filter, so the deltas a consumer received
// always add up to the answer (tested on every split of the text).

export type ReasonDecision = 'answer' | 'retrieve';

export interface AnswerStreamFilter {
  /** Feeds a chunk; returns the answer text that can be forwarded now (often ''). */
  push(chunk: string): string;
  /** Ends the stream; returns what was held back. */
  end(): string;
  /** The first decision tag seen (<answer> or <retrieve>), null while none. */
  readonly decision: ReasonDecision | null;
  /** True when the answer ended with a tag (</answer>, or a <retrieve> after it), false when it ran to the end. */
  readonly closed: boolean;
}

const OPEN = /<(answer|retrieve)>/i;
const CLOSE = /<\/answer>|<retrieve>/i;
const OPEN_TAGS = ['<answer>', '<retrieve>'];
const CLOSE_TAGS = ['</answer>', '<retrieve>'];

/** Index where a partial tag may begin at the end of `text` (held back until the next chunk decides), else length. */
function holdFrom(text: string, tags: string[]): number {
  const at = text.lastIndexOf('<');
  if (at < 0) return text.length;
  const tail = text.slice(at).toLowerCase();
  return tags.some((tag) => tag.startsWith(tail)) ? at : text.length;
}

export function createAnswerStreamFilter(): AnswerStreamFilter {
  let state: 'seek' | 'answer' | 'done' = 'seek';
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

  const advance = (): string => {
    if (state === 'seek') {
      const match = OPEN.exec(pending);
      if (!match) {
        pending = pending.slice(holdFrom(pending, OPEN_TAGS));
        return '';
      }
      decision = match[1]?.toLowerCase() === 'answer' ? 'answer' : 'retrieve';
      pending = pending.slice(match.index + match[0].length);
      if (decision === 'retrieve') {
        state = 'done';
        return '';
      }
      state = 'answer';
    }
    if (state === 'answer') {
      const match = CLOSE.exec(pending);
      if (match) {
        const body = pending.slice(0, match.index);
        pending = '';
        state = 'done';
        closed = true;
        return emit(body, true);
      }
      const cut = holdFrom(pending, CLOSE_TAGS);
      const safe = pending.slice(0, cut);
      pending = pending.slice(cut);
      return emit(safe, false);
    }
    pending = '';
    return '';
  };

  return {
    push(chunk) {
      if (state === 'done') return '';
      pending += chunk;
      return advance();
    },
    end() {
      if (state !== 'answer') return '';
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
