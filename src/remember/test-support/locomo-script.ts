// Realistic model outputs for the first two sessions of LoCoMo conv-26 (Caroline is the memory owner). Each
// reply is chosen from what the prompt actually contains, so a prompt that lost the turn would get no memory.
import type { RecordedModelCall } from '../../test/scripted-chat-model.ts';

const NEUTRAL = { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };

/** Memories by a phrase of the user turn, written the way a 7B model writes them (fences, loose JSON). */
const TURN_MEMORIES: [RegExp, object, object[]][] = [
  [/Good to see you! How have you been/, { ...NEUTRAL, extraversion: 4 }, [
    // Invented: shares no word with the turn, must be dropped by the grounding check.
    { reason: 'car', decision: 'store', category: 'fact', key: 'car', content: 'Caroline drives a red Ferrari.', keywords: ['Ferrari'] },
  ]],
  [/LGBTQ support group yesterday/, { ...NEUTRAL, openness: 4, extraversion: 4 }, [
    { reason: 'community she relies on', decision: 'store', category: 'fact', key: 'support_group', content: 'Caroline attended an LGBTQ support group on 2023-05-07.', keywords: ['LGBTQ', 'support group'] },
  ]],
  [/continue my edu/, { ...NEUTRAL, conscientiousness: 4 }, [
    { reason: 'long-term plan', decision: 'store', category: 'goal', key: 'career_plan', content: 'Caroline plans to continue her education and explore career options.', keywords: ['education', 'career'] },
  ]],
  [/keen on counseling/, { ...NEUTRAL, agreeableness: 5 }, [
    { reason: 'career goal', decision: 'store', category: 'goal', key: 'career_plan', content: 'Caroline wants to work in counseling or mental health.', keywords: ['counseling', 'mental health', 'career'] },
  ]],
  [/Researching adoption agencies/, { ...NEUTRAL, openness: 4 }, [
    { reason: 'family goal', decision: 'store', category: 'goal', key: 'family_plan', content: 'Caroline is researching adoption agencies to have a family.', keywords: ['adoption', 'family'] },
  ]],
  [/My goal is to give kids a loving home/, { ...NEUTRAL, agreeableness: 4 }, [
    // Same statement again (grounded by its keywords): consolidation must make it a no-op.
    { reason: 'family goal', decision: 'store', category: 'goal', key: 'family_plan', content: 'Caroline is researching adoption agencies to have a family.', keywords: ['adoption', 'family', 'kids', 'home'] },
  ]],
  [/help LGBTQ\+ folks with adoption/, NEUTRAL, [
    { reason: 'choice of agency', decision: 'store', category: 'preference', key: 'adoption_agency', content: 'Caroline chose an adoption agency that helps LGBTQ+ folks.', keywords: ['adoption agency', 'LGBTQ+'] },
  ]],
  [/tough as a single parent/, { ...NEUTRAL, neuroticism: 2, conscientiousness: 4 }, [
    { reason: 'updated family plan', decision: 'store', category: 'goal', key: 'family_plan', content: 'Caroline wants to make a family for kids as a single parent.', keywords: ['family', 'single parent', 'kids'] },
  ]],
];

const SESSIONS: [RegExp, object][] = [
  [/LGBTQ support group yesterday/, {
    episodes: [
      { summary: 'Caroline told Melanie about the LGBTQ support group she attended on 7 May 2023 and how accepted it made her feel.', keywords: ['LGBTQ', 'support group', 'acceptance'], turns: [2, 3, 4, 5, 6] },
      { summary: 'Caroline shared her plan to continue her education and work in counseling or mental health.', keywords: ['education', 'counseling', 'career'], turns: [8, 9, 10] },
    ],
    procedural: [{ key: 'career_research', content: 'Caroline researches careers in counseling.' }],
    core: { identity: { name: 'Caroline', age: null, occupation: null, residence: null }, preferences: ['LGBTQ community', 'mental health'] },
  }],
  [/Researching adoption agencies/, {
    episodes: [{ summary: 'Caroline told Melanie she is researching adoption agencies that support LGBTQ+ people, to build a family as a single parent.', keywords: ['adoption', 'family', 'LGBTQ+'], turns: [7, 9, 11, 13] }],
    procedural: [{ key: 'adoption_process', content: 'Caroline works through the adoption process.' }],
    core: { identity: { name: 'Caroline' }, preferences: ['LGBTQ community', 'mental health', 'family'] },
  }],
];

function userTurnOf(call: RecordedModelCall): string {
  const marker = 'THE USER TURN TO ANALYSE:\n';
  const start = call.promptText.indexOf(marker);
  return start < 0 ? '' : call.promptText.slice(start + marker.length).split('\n')[0]!;
}

const fenced = (value: object) => `\`\`\`json\n${JSON.stringify(value, null, 1)}\n\`\`\``;

/** One reply function for every remember prompt, fixed or paper budget. */
export function locomoReply(call: RecordedModelCall): string {
  const system = call.promptText;
  if (system.includes('A conversation session just ended') || system.includes('episodic memory') || system.includes('procedural memory') || system.includes('user profile of a personal')) {
    const found = SESSIONS.find(([pattern]) => pattern.test(system));
    if (!found) throw new Error('locomoReply: a session prompt without a known session');
    const output = found[1] as { episodes: object; procedural: object; core: object };
    if (system.includes('A conversation session just ended')) return fenced(output);
    if (system.includes('episodic memory')) return JSON.stringify({ episodes: output.episodes });
    if (system.includes('procedural memory')) return JSON.stringify({ procedural: output.procedural });
    return JSON.stringify(output.core);
  }
  const turn = userTurnOf(call);
  if (!turn) throw new Error('locomoReply: not a remember prompt');
  const [, personality, memories] = TURN_MEMORIES.find(([pattern]) => pattern.test(turn)) ?? [null, NEUTRAL, []];
  if (system.includes('Task 1, "personality"')) return fenced({ personality, memories });
  if (system.includes('Score the Big Five')) return JSON.stringify(personality);
  return JSON.stringify({ memories });
}
