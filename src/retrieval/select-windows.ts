// Packs ranked turns into one item per session within a token budget: the session's chosen turns in order,
// under one header, with "…" where turns were skipped. One header per session (not per run of turns) leaves
// room for more evidence. A turn may bring the answer after it (when it asks a question) or the question
// before it. Costs are estimated per line while choosing and checked exactly on the rendered text after.
import { renderSessionItem, renderWindowHeader, SKIPPED_TURNS } from './render.ts';
import { countTokens } from './token-count.ts';
import type { IndexedTurn, TurnCorpus } from './turn-corpus.ts';

export interface Window {
  /** Chosen turns of one session, in order. */
  turns: IndexedTurn[];
  /** Each chosen turn's line as rendered (with its note, when it has one), in the same order. */
  lines: string[];
  /** Rank of the best turn in it (0 = best). */
  rank: number;
  text: string;
  tokens: number;
}

export interface SelectOptions {
  budget: number;
  /** Turns left out (already in the prompt, or outside the time range). */
  excluded: ReadonlySet<number>;
  /** Also take the turn before each chosen turn, when the chosen one ranks within this many. */
  contextBeforeTop: number;
  /** Also take the turn after a chosen turn that asks a question (its answer), within this many ranks. */
  answerAfterTop: number;
  /** Zone of the session headers' clock (memory.timeZone); default UTC. */
  timeZone?: string;
  /** Turn index → text appended to its line (e.g. that a fact it states was replaced, retrieval/currency.ts). */
  notes?: ReadonlyMap<number, string>;
}

const HEADER_ESTIMATE = countTokens(renderWindowHeader(new Date(Date.UTC(2023, 4, 8, 13, 56)))) + 1;
const GAP_ESTIMATE = countTokens(SKIPPED_TURNS) + 1;

function render(turns: IndexedTurn[], lines: string[], timeZone: string | undefined): string {
  const runs: string[][] = [];
  turns.forEach((entry, position) => {
    const previous = turns[position - 1];
    if (!previous || entry.position !== previous.position + 1) runs.push([]);
    runs[runs.length - 1]!.push(lines[position]!);
  });
  return renderSessionItem(turns[0]!.turn.at, runs, timeZone);
}

function windowsOf(corpus: TurnCorpus, chosen: ReadonlyMap<number, number>, timeZone: string | undefined, notes: ReadonlyMap<number, string>): Window[] {
  const bySession = new Map<number, IndexedTurn[]>();
  for (const index of [...chosen.keys()].sort((a, b) => a - b)) {
    const entry = corpus.turns[index]!;
    const list = bySession.get(entry.sessionOrdinal) ?? [];
    list.push(entry);
    bySession.set(entry.sessionOrdinal, list);
  }
  const windows = [...bySession.values()].map((turns) => {
    const lines = turns.map((entry) => entry.line + (notes.get(entry.index) ?? ''));
    const text = render(turns, lines, timeZone);
    return { turns, lines, rank: Math.min(...turns.map((entry) => chosen.get(entry.index)!)), text, tokens: countTokens(text) };
  });
  return windows.sort((a, b) => a.rank - b.rank);
}

export function selectWindows(corpus: TurnCorpus, ranked: readonly number[], options: SelectOptions): Window[] {
  const notes = options.notes ?? new Map<number, string>();
  const noteTokens = new Map([...notes].map(([index, note]) => [index, countTokens(note)]));
  const chosen = new Map<number, number>();
  const chosenPerSession = new Map<number, number>();
  const order: number[] = [];
  let used = 0;
  const usable = (entry: IndexedTurn | undefined): entry is IndexedTurn =>
    entry !== undefined && !chosen.has(entry.index) && !options.excluded.has(entry.index);
  const neighbour = (entry: IndexedTurn, delta: number): IndexedTurn | undefined => corpus.sessions[entry.sessionOrdinal]![entry.position + delta];
  ranked.forEach((index, rank) => {
    const entry = corpus.turns[index]!;
    // A turn whose own line no longer fits cannot fit with company either: skip it before building its group.
    if (used + entry.lineTokens + (noteTokens.get(index) ?? 0) + 1 > options.budget) return;
    if (!usable(entry)) return;
    const group = [entry];
    const before = neighbour(entry, -1);
    if (rank < options.contextBeforeTop && usable(before)) group.unshift(before);
    const after = neighbour(entry, 1);
    if (rank < options.answerAfterTop && entry.turn.text.includes('?') && usable(after)) group.push(after);
    const joinsSession = (chosenPerSession.get(entry.sessionOrdinal) ?? 0) > 0;
    const adjacent = chosen.has(neighbour(group[0]!, -1)?.index ?? -1) || chosen.has(neighbour(group[group.length - 1]!, 1)?.index ?? -1);
    const overhead = !joinsSession ? HEADER_ESTIMATE : adjacent ? 0 : GAP_ESTIMATE;
    const cost = group.reduce((sum, member) => sum + member.lineTokens + (noteTokens.get(member.index) ?? 0) + 1, 0) + overhead;
    if (used + cost > options.budget) return;
    used += cost;
    for (const member of group) {
      chosen.set(member.index, rank);
      order.push(member.index);
    }
    chosenPerSession.set(entry.sessionOrdinal, (chosenPerSession.get(entry.sessionOrdinal) ?? 0) + group.length);
  });
  let windows = windowsOf(corpus, chosen, options.timeZone, notes);
  // Estimates can undershoot where newlines merge with punctuation; drop the latest choices until exact.
  while (windows.reduce((sum, window) => sum + window.tokens, 0) > options.budget && order.length > 0) {
    chosen.delete(order.pop()!);
    windows = windowsOf(corpus, chosen, options.timeZone, notes);
  }
  return windows;
}
