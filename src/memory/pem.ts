// The Personality Evolving Mechanism exactly as PersonaVLM's official code does it (PERSONAVLM.md § PEM).
import { BIG_FIVE_TRAITS, type BigFive } from './types.ts';

export const PEM_HORIZON = 50;
export const NEUTRAL_SCORE = 3;

export function initialPersonality(): BigFive {
  return { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };
}

/**
 * Weight kept on the old estimate after `interactionsSoFar` scored interactions:
 * f = 1 − [0.1 + 0.4·(cos(π·m/50)+1)/2], m = min(n, 50). 0.5 on the first turn, 0.9 from turn 50 on.
 */
export function pemRetention(interactionsSoFar: number): number {
  const m = Math.min(Math.max(interactionsSoFar, 0), PEM_HORIZON);
  return 1 - (0.1 + (0.4 * (Math.cos((Math.PI * m) / PEM_HORIZON) + 1)) / 2);
}

/** P ← f·P + (1−f)·inferred per trait; an inferred 3 means "no evidence" and leaves the trait as it was. */
export function evolvePersonality(previous: BigFive, inferred: BigFive, interactionsSoFar: number): BigFive {
  const f = pemRetention(interactionsSoFar);
  const next = { ...previous };
  for (const trait of BIG_FIVE_TRAITS) {
    if (inferred[trait] === NEUTRAL_SCORE) continue;
    next[trait] = f * previous[trait] + (1 - f) * inferred[trait];
  }
  return next;
}

/** One decimal, as the paper puts the scores into prompts: "openness 3.4, conscientiousness 2.9, …". */
export function formatPersonality(traits: BigFive): string {
  return BIG_FIVE_TRAITS.map((trait) => `${trait} ${traits[trait].toFixed(1)}`).join(', ');
}
