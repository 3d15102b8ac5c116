// Realistic synthetic chat text: a word bigram chain learnt from real turns (the LoCoMo turns), walked with a
// seeded PRNG. The words, their frequencies and the sentence lengths follow the source, so BM25 and the
// token counts behave as on real conversations, while the corpus can be made as large as needed.
import { pick, type Random } from './seeded-random.ts';

const END = '\u0000';

export interface TextGenerator {
  /** One turn: a few sentences of the source's style. */
  turn(random: Random): string;
}

export function createTextGenerator(sourceTurns: readonly string[]): TextGenerator {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  const lengths: number[] = [];
  for (const text of sourceTurns) {
    const sentences = text.split(/(?<=[.!?])\s+/).filter(Boolean);
    lengths.push(sentences.length);
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      starts.push(words[0]!);
      for (const [index, word] of words.entries()) {
        const key = word.toLowerCase();
        let list = next.get(key);
        if (!list) next.set(key, (list = []));
        list.push(words[index + 1] ?? END);
      }
    }
  }
  if (starts.length === 0) throw new Error('createTextGenerator: the source has no words to learn from');

  const sentence = (random: Random): string => {
    const words = [pick(random, starts)];
    // A bound on length: a chain can cycle ("so so so"); real turns' sentences stay short.
    while (words.length < 40) {
      const word = pick(random, next.get(words.at(-1)!.toLowerCase()) ?? [END]);
      if (word === END) break;
      words.push(word);
    }
    return words.join(' ');
  };

  return {
    turn(random) {
      const count = Math.max(1, pick(random, lengths));
      return Array.from({ length: count }, () => sentence(random)).join(' ');
    },
  };
}
