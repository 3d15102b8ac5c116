// Packs ranked turns into windows of consecutive turns within a token budget. A turn joins the window of a
// neighbour already chosen (no new header), optionally with the turn before it (the question an answer
// replies to). Costs are estimated per line while choosing and checked exactly on the rendered text after.
import { renderWindow, renderWindowHeader } from './render.ts';
import { countTokens } from './token-count.ts';
import type { IndexedTurn, TurnCorpus } from './turn-corpus.ts';

export interface Window {
  turns: IndexedTurn[];
  /** Rank of the best turn in it (0 = best). */
  rank: number;
  text: string;
  tokens: number;
}

export interface SelectOptions {
  budget: number;
  /** Turns left out (already in the prompt). */
  excluded: ReadonlySet<number>;
  /** Also take the turn before each chosen turn, when the chosen one ranks within this many. */
  contextBeforeTop: number;
  /** Also take the turn after a chosen turn that asks a question (its answer), within this many ranks. */
  answerAfterTop: number;
}

const HEADER_ESTIMATE = countTokens(renderWindowHeader(new Date(Date.UTC(2023, 4, 8, 13, 56)))) + 1;

function windowsOf(corpus: TurnCorpus, chosen: ReadonlyMap<number, number>): Window[] {
  const bySession = new Map<number, IndexedTurn[]>();
  for (const index of [...chosen.keys()].sort((a, b) => a - b)) {
    const entry = corpus.turns[index]!;
    const list = bySession.get(entry.sessionOrdinal) ?? [];
    list.push(entry);
    bySession.set(entry.sessionOrdinal, list);
  }
  const windows: Window[] = [];
  for (const list of bySession.values()) {
    let run: IndexedTurn[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const text = renderWindow(run[0]!.turn.at, run.map((entry) => entry.line));
      windows.push({ turns: run, rank: Math.min(...run.map((entry) => chosen.get(entry.index)!)), text, tokens: countTokens(text) });
      run = [];
    };
    for (const entry of list) {
      if (run.length > 0 && entry.position !== run[run.length - 1]!.position + 1) flush();
      run.push(entry);
    }
    flush();
  }
  return windows.sort((a, b) => a.rank - b.rank);
}

export function selectWindows(corpus: TurnCorpus, ranked: readonly number[], options: SelectOptions): Window[] {
  const chosen = new Map<number, number>();
  const order: number[] = [];
  let used = 0;
  const isChosen = (entry: IndexedTurn | undefined): boolean => entry !== undefined && chosen.has(entry.index);
  const neighbour = (entry: IndexedTurn, delta: number): IndexedTurn | undefined =>
    corpus.sessions[entry.sessionOrdinal]![entry.position + delta];
  ranked.forEach((index, rank) => {
    const entry = corpus.turns[index]!;
    if (chosen.has(index) || options.excluded.has(index)) return;
    const group = [entry];
    const before = neighbour(entry, -1);
    if (rank < options.contextBeforeTop && before && !isChosen(before) && !options.excluded.has(before.index)) group.unshift(before);
    const after = neighbour(entry, 1);
    if (rank < options.answerAfterTop && entry.turn.text.includes('?') && after && !isChosen(after) && !options.excluded.has(after.index)) group.push(after);
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const joinsLeft = isChosen(neighbour(first, -1));
    const joinsRight = isChosen(neighbour(last, 1));
    const headerDelta = joinsLeft && joinsRight ? -HEADER_ESTIMATE : joinsLeft || joinsRight ? 0 : HEADER_ESTIMATE;
    const cost = group.reduce((sum, member) => sum + member.lineTokens + 1, 0) + headerDelta;
    if (used + cost > options.budget) return;
    used += cost;
    for (const member of group) {
      chosen.set(member.index, rank);
      order.push(member.index);
    }
  });
  let windows = windowsOf(corpus, chosen);
  // Estimates can undershoot where newlines merge with punctuation differently; drop the latest choices until exact.
  while (windows.reduce((sum, window) => sum + window.tokens, 0) > options.budget && order.length > 0) {
    chosen.delete(order.pop()!);
    windows = windowsOf(corpus, chosen);
  }
  return windows;
}
