// Deterministic stand-ins for what a 7B model writes to each remember prompt, derived from what the prompt
// actually contains (the turn, the session's lines), so every reply parses and every memory is grounded in
// its turn. Only the cost benchmark uses them: the replies' tokens are scripted, the prompts' are real.
import { ENGLISH_STOP_WORDS, wordTokens } from '../../enrichment/index.ts';

const NEUTRAL = { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };

/** Trait cues: a turn mentioning one scores 4 on that trait; otherwise 3 (no evidence). */
const TRAIT_CUES: [keyof typeof NEUTRAL, RegExp][] = [
  ['openness', /\b(new|art|paint\w*|explor\w*|learn\w*|creativ\w*|music|book\w*)\b/i],
  ['conscientiousness', /\b(plan\w*|goal\w*|work\w*|study\w*|organi[sz]\w*|career)\b/i],
  ['extraversion', /!|\b(party|friends|fun|excited|meet\w*)\b/i],
  ['agreeableness', /\b(thank\w*|love\w*|support\w*|kind|help\w*|care)\b/i],
  ['neuroticism', /\b(worr\w*|stress\w*|tough|hard|scar\w*|anxi\w*|sad)\b/i],
];

export function contentWords(text: string): string[] {
  return wordTokens(text).filter((word) => word.length >= 4 && !ENGLISH_STOP_WORDS.has(word) && /^\p{L}/u.test(word));
}

/** The most frequent content words, ties broken by first appearance. */
export function topWords(text: string, count: number): string[] {
  const frequency = new Map<string, number>();
  for (const word of contentWords(text)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  return [...frequency.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([word]) => word);
}

export function personalityOf(text: string): typeof NEUTRAL {
  const scores = { ...NEUTRAL };
  for (const [trait, cue] of TRAIT_CUES) if (cue.test(text)) scores[trait] = 4;
  return scores;
}

function thirdPerson(sentence: string): string {
  return sentence
    .replace(/\bI'm\b/g, 'they are')
    .replace(/\bI've\b/g, 'they have')
    .replace(/\bI\b/g, 'they')
    .replace(/\bmy\b/gi, 'their')
    .replace(/\bme\b/gi, 'them');
}

function categoryOf(sentence: string): string {
  if (/\b(love|like|enjoy|favou?rite)\b/i.test(sentence)) return 'preference';
  if (/\b(hate|dislike|can't stand)\b/i.test(sentence)) return 'dislike';
  if (/\b(plan|going to|want to|goal|hope to)\b/i.test(sentence)) return 'goal';
  return 'fact';
}

/** Semantic memories of one user turn: one per first-person sentence with enough substance, at most two. */
export function memoriesOf(speaker: string, text: string): object[] {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => /\b(I|I'm|I've|my|me)\b/.test(s) && contentWords(s).length >= 3);
  return sentences.slice(0, 2).map((sentence) => {
    const keywords = topWords(sentence, 4);
    return {
      reason: `${speaker} shares something about their own life.`,
      decision: 'store',
      category: categoryOf(sentence),
      key: keywords.slice(0, 2).join('_'),
      content: `${speaker} said ${thirdPerson(sentence.replace(/[.!?]+$/, ''))}.`,
      keywords,
    };
  });
}

export interface SessionLine {
  speaker: string;
  text: string;
}

/** Topics of a session: consecutive chunks of eight turns, each summarised by its frequent words. */
export function episodesOf(owner: string, lines: SessionLine[]): object[] {
  const episodes: object[] = [];
  for (let start = 0; start < lines.length; start += 8) {
    const chunk = lines.slice(start, start + 8);
    const keywords = topWords(chunk.map((line) => line.text).join(' '), 5);
    const people = [...new Set(chunk.map((line) => line.speaker))].join(' and ');
    episodes.push({
      summary: `${people || owner} talked about ${keywords.slice(0, 3).join(', ') || 'their day'}.`,
      keywords,
      turns: chunk.map((_, index) => start + index),
    });
  }
  return episodes;
}

export function proceduralOf(owner: string, lines: SessionLine[]): object[] {
  const [habit] = topWords(lines.filter((line) => line.speaker === owner).map((line) => line.text).join(' '), 1);
  return habit ? [{ key: `${habit}_routine`, content: `${owner} regularly spends time on ${habit}.` }] : [];
}

export function coreOf(owner: string, lines: SessionLine[]): object {
  const preferences = topWords(lines.filter((line) => line.speaker === owner).map((line) => line.text).join(' '), 5);
  return { identity: { name: owner, age: null, occupation: null, residence: null }, preferences };
}
