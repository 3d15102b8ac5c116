// Token F1 between a generated answer and the gold answer, as LoCoMo scores QA (and mem0 and others after it):
// lower-case, drop punctuation and the words a/an/the/and, split on whitespace, optionally stem, then F1 over
// the multiset of tokens.

export type Stemmer = (words: string[]) => string[];

export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/,/g, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the|and)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function answerTokens(text: string, stem?: Stemmer): string[] {
  const words = normalizeAnswer(text).split(' ').filter((word) => word.length > 0);
  return stem ? stem(words) : words;
}

export function tokenF1(prediction: string, gold: string, stem?: Stemmer): number {
  const predicted = answerTokens(prediction, stem);
  const expected = answerTokens(gold, stem);
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}
