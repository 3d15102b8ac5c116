// A seeded synthetic history for scale tests and benchmarks of the ranking view, with no store and no data files:
// two speakers, sessions of 12–24 turns every day or two, Zipf-distributed words (a few common, a long tail of
// rare ones, as in real dialogue), about one turn in five a question. Turns carry their enrichment (lemmas), as
// the store hands them back, so building the view is the cost of a real one minus the database.
import type { Turn } from '../memory/types.ts';

const START = Date.UTC(2022, 0, 3, 9, 0, 0);
const DAY = 86_400_000;
const COMMON = ['really', 'time', 'good', 'great', 'today', 'work', 'friend', 'family', 'feel', 'think', 'week', 'love', 'fun', 'day', 'new', 'thing', 'kid', 'hope'];

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast and good enough to shape a corpus.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Made-up words, pronounceable and distinct: "bakelo", "dutami", … */
function vocabulary(size: number): string[] {
  const syllables = ['ba', 'ke', 'lo', 'du', 'ta', 'mi', 'ro', 'sen', 'vi', 'ga', 'no', 'pel', 'su', 'fa', 'ri', 'tom', 'ze', 'ha'];
  const words = [...COMMON];
  for (let n = 0; words.length < size; n += 1) {
    let word = '';
    for (let rest = n; word.length < 4 || rest > 0; rest = Math.floor(rest / syllables.length)) word += syllables[rest % syllables.length]!;
    words.push(word);
  }
  return words;
}

export interface SyntheticHistoryOptions {
  turns: number;
  seed?: number;
  /** Distinct words (default 20,000). */
  vocabularySize?: number;
  userId?: string;
}

/** The turns of one user, in seq order; generated lazily so a million of them never sit in memory at once. */
export function* syntheticTurns(options: SyntheticHistoryOptions): Generator<Turn> {
  const random = seededRandom(options.seed ?? 1);
  const words = vocabulary(options.vocabularySize ?? 20_000);
  const userId = options.userId ?? 'synthetic';
  // Zipf with exponent ~1: the word at rank r is drawn with probability ∝ 1 / r.
  const pick = (): string => words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length + 1))) - 1)]!;
  let day = START;
  let seq = 0;
  for (let session = 0; seq < options.turns; session += 1) {
    day += (1 + Math.floor(random() * 2)) * DAY;
    const count = Math.min(12 + Math.floor(random() * 13), options.turns - seq);
    for (let position = 0; position < count; position += 1) {
      seq += 1;
      const lemmas = Array.from({ length: 4 + Math.floor(random() * 14) }, pick);
      const asks = random() < 0.2;
      const text = `${lemmas.join(' ')}${asks ? '?' : '.'}`;
      const role = position % 2 === 0 ? 'user' : 'assistant';
      const at = new Date(day + position * 30_000);
      yield {
        userId,
        id: `turn-${seq}`,
        sessionId: `session-${session}`,
        seq,
        role,
        speaker: role === 'user' ? 'Maya' : 'Sam',
        text,
        at,
        images: [],
        externalId: null,
        metadata: {},
        enrichment: { keywords: [], lemmas, entities: [], dates: [], imageText: '' },
      };
    }
  }
}

/** Queries in the corpus's words: a rare word with a common one, as questions mostly are. */
export function syntheticQueries(count: number, seed: number = 7, vocabularySize: number = 20_000): string[] {
  const random = seededRandom(seed);
  const words = vocabulary(vocabularySize);
  return Array.from({ length: count }, () => {
    const rare = words[COMMON.length + Math.floor(random() * 2000)]!;
    const common = COMMON[Math.floor(random() * COMMON.length)]!;
    return `What did Maya say about the ${rare} ${common}?`;
  });
}
