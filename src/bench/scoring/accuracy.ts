// Accuracy over graded items, overall and grouped by any key (aspect, task, question type, category).

export interface Accuracy {
  correct: number;
  total: number;
  /** correct / total; 0 when there is nothing to grade. */
  accuracy: number;
}

export function accuracyOf(outcomes: readonly boolean[]): Accuracy {
  const correct = outcomes.filter(Boolean).length;
  return { correct, total: outcomes.length, accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length };
}

/** Groups in first-seen order, so reports list them as the data file does unless `order` says otherwise. */
export function accuracyBy<T>(items: readonly T[], keyOf: (item: T) => string, isCorrect: (item: T) => boolean, order: readonly string[] = []): Record<string, Accuracy> {
  const groups = new Map<string, boolean[]>(order.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(isCorrect(item));
  }
  return Object.fromEntries([...groups].filter(([, outcomes]) => outcomes.length > 0).map(([key, outcomes]) => [key, accuracyOf(outcomes)]));
}
