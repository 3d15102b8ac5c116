// The fixed write budget's ONE call per closed session: episodic topics, procedural memory and the core
// profile together.
import type { EventBus } from '../memory/events.ts';
import type { ChatMessage } from '../model/ports.ts';
import { field, isRecord, OutputShapeError, parseModelOutput } from './parse/index.ts';
import { z } from 'zod';
import { CORE_INSTRUCTIONS, CORE_OUTPUT, type CoreDraft, IDENTITY_FIELDS, interpretCore } from './remember-core.ts';
import { EPISODE_OUTPUT, EPISODIC_INSTRUCTIONS, type EpisodeDraft, interpretEpisodes } from './remember-episodic.ts';
import { interpretProcedural, PROCEDURAL_INSTRUCTIONS, PROCEDURAL_OUTPUT, type ProceduralDraft } from './remember-procedural.ts';
import { type SessionPromptInput, sessionUserMessage } from './remember-session-input.ts';

export const rememberSessionPrompt = {
  id: 'remember.session',
  version: 3,
  output: z.object({ episodes: z.array(EPISODE_OUTPUT), procedural: PROCEDURAL_OUTPUT, core: CORE_OUTPUT }),
} as const;

export interface RememberSessionOutput {
  episodes: EpisodeDraft[];
  /** null when the model left the section out: the set stays as it was (reported), not cleared. */
  procedural: ProceduralDraft[] | null;
  core: CoreDraft;
}

// Every field the instructions name, so a model that copies the example leaves none out.
const OUTPUT_SHAPE = `{"episodes": [{"summary": "...", "keywords": ["..."], "turns": [0, 1]}],
 "procedural": [{"key": "morning_run", "content": "User runs every Thursday morning."}],
 "core": {"identity": {${IDENTITY_FIELDS.map((name) => `"${name}": null`).join(', ')}}, "preferences": ["..."]}}`;

export function buildRememberSessionPrompt(input: SessionPromptInput): ChatMessage[] {
  const system = [
    'You maintain the long-term memory of a personal assistant. A conversation session just ended. Do three tasks.',
    `Task 1, "episodes":\n${EPISODIC_INSTRUCTIONS}`,
    `Task 2, "procedural":\n${PROCEDURAL_INSTRUCTIONS}`,
    `Task 3, "core":\n${CORE_INSTRUCTIONS}`,
    `Answer with one JSON object only, like:\n${OUTPUT_SHAPE}`,
  ].join('\n\n');
  return [
    { role: 'system', content: system },
    sessionUserMessage(input, { core: true, procedural: true }),
  ];
}

export function parseRememberSessionOutput(text: string, events: EventBus, turnCount: number): RememberSessionOutput {
  return parseModelOutput(rememberSessionPrompt, text, events, (value, log) => {
    if (!isRecord(value)) throw new OutputShapeError('expected one JSON object with "episodes", "procedural" and "core"');
    const core = field(value, 'core', 'profile');
    const procedural = field(value, 'procedural', 'habits');
    if (procedural === undefined || procedural === null) log.note('missing_field', 'procedural', 'habits and goals kept as they were');
    return {
      episodes: interpretEpisodes(field(value, 'episodes', 'topics'), 'episodes', log, turnCount),
      procedural: procedural === undefined || procedural === null ? null : interpretProcedural(procedural, 'procedural', log),
      core: core === undefined || core === null ? (log.note('missing_field', 'core', 'profile kept as it was'), { identity: {}, preferences: null }) : interpretCore(core, log),
    };
  });
}
