// Lexical comparison of short memory sentences, for consolidation. Deterministic and model-free on purpose:
// the same inputs always give the same add / supersede / no-op verdict, so it can be tested and audited.

const STOP_WORDS = new Set(
  ('a an the and or but of to in on at for with from by as is are was were be been being it its this that these those ' +
    'i me my mine we our you your he him his she her they them their user users s has have had do does did will would ' +
    'can could should very really just so also about into than then there here who whom which what when where how')
    .split(' '),
);

/** Words that flip a statement's polarity: two sentences equal but for these contradict each other. */
const POLARITY_WORDS = new Set(
  'not no never dont doesnt didnt isnt wasnt cant wont like likes liked love loves loved enjoy enjoys enjoyed prefer prefers preferred dislike dislikes disliked hate hates hated'.split(' '),
);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Lower-cased content words, apostrophes folded ("don't" → "dont"), crude plural stemming. */
export function contentTokens(text: string): Set<string> {
  const words = text.toLowerCase().replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((w) => w.length > 0 && !STOP_WORDS.has(w)).map(stem));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function withoutPolarity(tokens: Set<string>): Set<string> {
  return new Set([...tokens].filter((t) => !POLARITY_WORDS.has(t)));
}

export function polarityOf(tokens: Set<string>): string {
  return [...tokens].filter((t) => POLARITY_WORDS.has(t)).sort().join(' ');
}

export function normalizeSentence(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
