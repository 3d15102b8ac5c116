// Packs ranked turns into one item per session within a token budget: the session's chosen turns in order,
// under one header, with "…" where turns were skipped. One header per session (not per run of turns) leaves
// room for more evidence. A turn may bring the answer after it (when it asks a question) or the question
// before it. Choosing stops as soon as no turn's line can fit what is left. Costs are estimated per line while choosing and checked exactly on the rendered text after.
import { renderSessionItem, renderWindowHeader, SKIPPED_TURNS } from '../prompts/recall-items.ts';
import { countTokens } from './token-count.ts';
import type { TurnCorpus, TurnRef } from './turn-corpus.ts';

export interface Window {
  /** Chosen turns of one session, in order. */
  turns: TurnRef[];
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
  excluded: (index: number) => boolean;
  /** Also take the turn after a chosen turn that asks a question (its answer). */
  answerAfter: boolean;
  /** Zone of the session headers' clock (memory.timeZone); default UTC. */
  timeZone?: string;
  /** Turn index → text appended to its line (e.g. that a fact it states was replaced, retrieval/currency.ts). */
  notes?: ReadonlyMap<number, string>;
}

// Counted on first use, not at import (the encoder loads on the first count: retrieval/token-count.ts).
let estimates: { header: number; gap: number } | undefined;
const overheadEstimates = (): { header: number; gap: number } =>
  (estimates ??= { header: countTokens(renderWindowHeader(new Date(Date.UTC(2023, 4, 8, 13, 56)))) + 1, gap: countTokens(SKIPPED_TURNS) + 1 });

function render(turns: TurnRef[], lines: string[], timeZone: string | undefined): string {
  const runs: string[][] = [];
  turns.forEach((entry, position) => {
    const previous = turns[position - 1];
    if (!previous || entry.position !== previous.position + 1) runs.push([]);
    runs[runs.length - 1]!.push(lines[position]!);
  });
  return renderSessionItem(turns[0]!.at, runs, timeZone);
}

function windowsOf(corpus: TurnCorpus, chosen: ReadonlyMap<number, number>, timeZone: string | undefined, notes: ReadonlyMap<number, string>): Window[] {
  const bySession = new Map<number, TurnRef[]>();
  for (const index of [...chosen.keys()].sort((a, b) => a - b)) {
    const entry = corpus.ref(index);
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

export function selectWindows(corpus: TurnCorpus, ranked: Iterable<number>, options: SelectOptions): Window[] {
  const notes = options.notes ?? new Map<number, string>();
  const noteTokens = new Map([...notes].map(([index, note]) => [index, countTokens(note)]));
  const costOf = (index: number): number => corpus.lineTokensOf(index) + (noteTokens.get(index) ?? 0) + 1;
  const chosen = new Map<number, number>();
  const chosenPerSession = new Map<number, number>();
  const order: number[] = [];
  let used = 0;
  const usable = (index: number | undefined): index is number => index !== undefined && !chosen.has(index) && !options.excluded(index);
  let rank = -1;
  for (const index of ranked) {
    rank += 1;
    // Every turn costs at least its line and a newline: with less left than the cheapest, nothing else fits.
    if (options.budget - used < corpus.minLineTokens + 1) break;
    // A turn whose own line no longer fits cannot fit with company either: skip it before building its group.
    if (used + costOf(index) > options.budget) continue;
    if (!usable(index)) continue;
    const group = [index];
    const after = corpus.neighbour(index, 1);
    if (options.answerAfter && corpus.asks(index) && usable(after)) group.push(after);
    const session = corpus.sessionOf(index);
    const joinsSession = (chosenPerSession.get(session) ?? 0) > 0;
    const adjacent = chosen.has(corpus.neighbour(group[0]!, -1) ?? -1) || chosen.has(corpus.neighbour(group[group.length - 1]!, 1) ?? -1);
    const overhead = !joinsSession ? overheadEstimates().header : adjacent ? 0 : overheadEstimates().gap;
    const cost = group.reduce((sum, member) => sum + costOf(member), 0) + overhead;
    if (used + cost > options.budget) continue;
    used += cost;
    for (const member of group) {
      chosen.set(member, rank);
      order.push(member);
    }
    chosenPerSession.set(session, (chosenPerSession.get(session) ?? 0) + group.length);
  }
  let windows = windowsOf(corpus, chosen, options.timeZone, notes);
  // Estimates can undershoot where newlines merge with punctuation; drop the latest choices until exact.
  while (windows.reduce((sum, window) => sum + window.tokens, 0) > options.budget && order.length > 0) {
    chosen.delete(order.pop()!);
    windows = windowsOf(corpus, chosen, options.timeZone, notes);
  }
  return windows;
}
