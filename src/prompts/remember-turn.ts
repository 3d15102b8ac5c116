// The fixed write budget's ONE call per user turn: momentary Big Five and semantic memories together.
import type { EventBus } from '../memory/events.ts';
import type { BigFive } from '../memory/types.ts';
import type { ChatMessage } from '../model/ports.ts';
import { field, isRecord, OutputShapeError, parseModelOutput } from './parse/index.ts';
import { BIG_FIVE_OUTPUT, interpretBigFive, PERSONALITY_INSTRUCTIONS } from './remember-personality.ts';
import { interpretSemanticItems, SEMANTIC_INSTRUCTIONS, SEMANTIC_ITEM_OUTPUT, type SemanticDraft } from './remember-semantic.ts';
import { z } from 'zod';
import { type TurnPromptInput, turnContextBlock } from './remember-turn-input.ts';

export const rememberTurnPrompt = {
  id: 'remember.turn',
  version: 3,
  output: z.object({ personality: BIG_FIVE_OUTPUT, memories: z.array(SEMANTIC_ITEM_OUTPUT) }),
} as const;

export interface RememberTurnOutput {
  /** null when the model left it out: the PEM update is skipped for this turn (reported), never defaulted. */
  personality: BigFive | null;
  memories: SemanticDraft[];
}

const OUTPUT_SHAPE = `{"personality": {"openness": 3, "conscientiousness": 3, "extraversion": 3, "agreeableness": 3, "neuroticism": 3},
 "memories": [{"reason": "...", "decision": "store", "category": "preference", "key": "favorite_drink", "content": "User prefers green tea to coffee.", "keywords": ["green tea", "coffee"], "when": null}]}`;

export function buildRememberTurnPrompt(input: TurnPromptInput): ChatMessage[] {
  const system = [
    'You maintain the long-term memory of a personal assistant. Do two tasks on THE USER TURN.',
    `Task 1, "personality":\n${PERSONALITY_INSTRUCTIONS}`,
    `Task 2, "memories":\n${SEMANTIC_INSTRUCTIONS}`,
    `Answer with one JSON object only, like:\n${OUTPUT_SHAPE}`,
  ].join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: turnContextBlock(input), ...(input.images.length > 0 ? { images: input.images } : {}) },
  ];
}

export function parseRememberTurnOutput(text: string, events: EventBus, imageCount: number): RememberTurnOutput {
  return parseModelOutput(rememberTurnPrompt, text, events, (value, log) => {
    if (!isRecord(value)) throw new OutputShapeError('expected one JSON object with "personality" and "memories"');
    const personality = field(value, 'personality', 'big_five');
    if (personality === undefined || personality === null) log.note('missing_field', 'personality', 'no personality update for this turn');
    return {
      personality: personality === undefined || personality === null ? null : interpretBigFive(personality, 'personality', log),
      memories: interpretSemanticItems(field(value, 'memories', 'semantic'), 'memories', log, imageCount),
    };
  });
}
