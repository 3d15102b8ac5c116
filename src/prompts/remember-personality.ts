// Momentary Big Five scoring of one user turn (PERSONAVLM.md § PEM). Used alone in the paper write budget,
// and as the "personality" half of remember-turn in the fixed budget.
import { z } from 'zod';
import type { EventBus } from '../memory/events.ts';
import { BIG_FIVE_TRAITS, type BigFive } from '../memory/types.ts';
import type { ChatMessage } from '../model/ports.ts';
import { asInteger, field, isRecord, OutputShapeError, parseModelOutput, type RepairLog } from './parse/index.ts';
import { type TurnPromptInput, turnContextBlock } from './remember-turn-input.ts';

/** The five momentary scores, integers 1–5 (also the "personality" part of remember.turn's output). */
export const BIG_FIVE_OUTPUT = z.object(Object.fromEntries(BIG_FIVE_TRAITS.map((trait) => [trait, z.number().int().min(1).max(5)])) as Record<(typeof BIG_FIVE_TRAITS)[number], z.ZodNumber>);

export const rememberPersonalityPrompt = { id: 'remember.personality', version: 2, output: BIG_FIVE_OUTPUT } as const;

export const PERSONALITY_INSTRUCTIONS = `Score the Big Five personality traits the user shows in THIS turn only, each an integer from 1 to 5:
openness, conscientiousness, extraversion, agreeableness, neuroticism.
Use 3 when the turn gives no evidence for a trait (3 means "no evidence", not "average").
Judge only from what the user wrote or showed; do not guess from stereotypes.`;

/** Reads {openness: 1–5, …}; a missing trait is read as 3 (no evidence) and noted, a wrong type rejects. */
export function interpretBigFive(value: unknown, path: string, log: RepairLog): BigFive {
  if (!isRecord(value)) throw new OutputShapeError(`${path} must be an object of five trait scores`);
  const traits = {} as BigFive;
  let found = 0;
  for (const trait of BIG_FIVE_TRAITS) {
    const raw = field(value, trait, trait.slice(0, 1).toUpperCase() + trait.slice(1));
    if (raw === undefined || raw === null) {
      log.note('missing_field', `${path}.${trait}`, 'read as 3 (no evidence)');
      traits[trait] = 3;
      continue;
    }
    const score = asInteger(raw, { min: 1, max: 5 }, `${path}.${trait}`, log);
    if (score === undefined) throw new OutputShapeError(`${path}.${trait} is not a score from 1 to 5: ${JSON.stringify(raw)}`);
    traits[trait] = score;
    found += 1;
  }
  if (found === 0) throw new OutputShapeError(`${path} has none of the five traits`);
  return traits;
}

export function buildPersonalityPrompt(input: TurnPromptInput): ChatMessage[] {
  return [
    { role: 'system', content: `You analyse one message of a user talking with their personal assistant.\n\n${PERSONALITY_INSTRUCTIONS}\n\nAnswer with JSON only:\n{"openness": 3, "conscientiousness": 3, "extraversion": 3, "agreeableness": 3, "neuroticism": 3}` },
    { role: 'user', content: turnContextBlock(input), ...(input.images.length > 0 ? { images: input.images } : {}) },
  ];
}

export function parsePersonalityOutput(text: string, events: EventBus): BigFive {
  return parseModelOutput(rememberPersonalityPrompt, text, events, (value, log) => {
    const record = isRecord(value) ? value : {};
    const nested = field(record, 'personality', 'big_five', 'scores');
    return interpretBigFive(isRecord(nested) ? nested : value, 'personality', log);
  });
}
