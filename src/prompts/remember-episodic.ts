// Episodic topics of a closed session (PERSONAVLM.md: {topic_summary (third person), keywords,
// source_dialog_indices}). Alone in the paper budget; a section of remember-session in the fixed one.
import { z } from 'zod';
import type { EventBus } from '../memory/events.ts';
import type { ChatMessage } from '../model/ports.ts';
import { asInteger, asList, asText, asTextList, field, isRecord, OutputShapeError, parseModelOutput, type RepairLog } from './parse/index.ts';
import { type SessionPromptInput, sessionUserMessage } from './remember-session-input.ts';

/** One topic as the instructions ask for it (also the items of remember.session's "episodes"). */
export const EPISODE_OUTPUT = z.object({ summary: z.string(), keywords: z.array(z.string()), turns: z.array(z.number().int().min(0)) });

export const rememberEpisodicPrompt = { id: 'remember.episodic', version: 2, output: z.object({ episodes: z.array(EPISODE_OUTPUT) }) } as const;

export interface EpisodeDraft {
  summary: string;
  keywords: string[];
  /** Indices into the session's turns, deduplicated and sorted. */
  turnIndices: number[];
}

export const EPISODIC_INSTRUCTIONS = `Split the session into its topics (usually 1 to 5). For each topic write
"summary": a third-person summary of what was said and done (name people, places, dates; absolute dates),
"keywords": 3 to 8 search words, and "turns": the indices of the turns it comes from.
Photos are described on their turn's line ([Image 1: …] or [photo: …]: text read in it, objects, people): use what
they hold. Use only what the session says.`;

export function interpretEpisodes(value: unknown, path: string, log: RepairLog, turnCount: number): EpisodeDraft[] {
  if (value === undefined || value === null) {
    log.note('missing_field', path, 'read as no topics');
    return [];
  }
  const items = asList(value, path, log);
  if (!items) throw new OutputShapeError(`${path} must be a list of topics`);
  const episodes: EpisodeDraft[] = [];
  for (const [index, raw] of items.entries()) {
    const at = `${path}[${index}]`;
    const summary = isRecord(raw) ? asText(field(raw, 'summary', 'topic_summary', 'content'), `${at}.summary`, log) : undefined;
    if (!isRecord(raw) || !summary) {
      log.note('dropped_item', at, 'no summary');
      continue;
    }
    const rawIndices = asList(field(raw, 'turns', 'source_dialog_indices', 'indices'), `${at}.turns`, log) ?? [];
    const turnIndices = new Set<number>();
    for (const [i, n] of rawIndices.entries()) {
      const turn = asInteger(n, { min: -1_000_000, max: 1_000_000 }, `${at}.turns[${i}]`, log);
      if (turn === undefined || turn < 0 || turn >= turnCount) log.note('dropped_item', `${at}.turns[${i}]`, `no turn ${String(n)}`);
      else turnIndices.add(turn);
    }
    episodes.push({ summary, keywords: asTextList(field(raw, 'keywords'), `${at}.keywords`, log) ?? [], turnIndices: [...turnIndices].sort((a, b) => a - b) });
  }
  return episodes;
}

export function buildEpisodicPrompt(input: SessionPromptInput): ChatMessage[] {
  return [
    { role: 'system', content: `You write the episodic memory of a personal assistant.\n\n${EPISODIC_INSTRUCTIONS}\n\nAnswer with JSON only, like:\n{"episodes": [{"summary": "...", "keywords": ["..."], "turns": [0, 1]}]}` },
    sessionUserMessage(input),
  ];
}

export function parseEpisodicOutput(text: string, events: EventBus, turnCount: number): EpisodeDraft[] {
  return parseModelOutput(rememberEpisodicPrompt, text, events, (value, log) =>
    interpretEpisodes(isRecord(value) ? field(value, 'episodes', 'topics') : value, 'episodes', log, turnCount),
  'any');
}
