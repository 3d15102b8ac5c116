// Response alignment: the Big Five scores (one decimal, as the paper prints them) and what each one asks of
// the reply's tone. Part of the reasoning prompt; its text changes bump that prompt's version.
import { BIG_FIVE_TRAITS, type BigFive, type BigFiveTrait } from '../memory/types.ts';

// Scores live on 1–5 and start at 3.0; PEM moves them slowly, so a trait is read as pronounced from half a point away.
const HIGH = 3.5;
const LOW = 2.5;

const GUIDANCE: Record<BigFiveTrait, { high: string; low: string }> = {
  openness: {
    high: 'welcomes new ideas: offer creative options, perspectives and things to explore',
    low: 'prefers the familiar: be practical and concrete, suggest proven options, skip abstract speculation',
  },
  conscientiousness: {
    high: 'values order: be precise and structured, give clear steps and plans',
    low: 'dislikes rigid plans: keep it simple, flexible and low effort',
  },
  extraversion: {
    high: 'is outgoing: be warm and energetic, social suggestions are welcome',
    low: 'is reserved: be calm and concise, respect a preference for quiet or solitary options',
  },
  agreeableness: {
    high: 'is cooperative and kind: be warm, considerate and encouraging',
    low: 'is direct and sceptical: be matter-of-fact, give reasons and evidence, avoid flattery',
  },
  neuroticism: {
    high: 'worries easily: be reassuring and supportive, stay calm, avoid alarming wording',
    low: 'is emotionally steady: be straightforward, no extra reassurance needed',
  },
};

const TRAIT_NAMES: Record<BigFiveTrait, string> = {
  openness: 'Openness',
  conscientiousness: 'Conscientiousness',
  extraversion: 'Extraversion',
  agreeableness: 'Agreeableness',
  neuroticism: 'Neuroticism',
};

/** "Openness 4.2, Conscientiousness 3.0, …" */
export function formatBigFive(traits: BigFive): string {
  return BIG_FIVE_TRAITS.map((trait) => `${TRAIT_NAMES[trait]} ${traits[trait].toFixed(1)}`).join(', ');
}

/** One line per pronounced trait; a neutral profile gets one line that says so. */
export function alignmentInstructions(traits: BigFive): string[] {
  const lines: string[] = [];
  for (const trait of BIG_FIVE_TRAITS) {
    const score = traits[trait];
    if (score >= HIGH) lines.push(`- High ${TRAIT_NAMES[trait].toLowerCase()} (${score.toFixed(1)}): the user ${GUIDANCE[trait].high}.`);
    else if (score <= LOW) lines.push(`- Low ${TRAIT_NAMES[trait].toLowerCase()} (${score.toFixed(1)}): the user ${GUIDANCE[trait].low}.`);
  }
  if (lines.length === 0) lines.push('- No trait is pronounced yet: use a friendly, balanced tone.');
  return lines;
}
