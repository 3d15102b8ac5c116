// Leave-one-conversation-out tuning (BENCHMARKS.md § 1): for each conversation, a coordinate search over the
// knobs chooses values on the others, and the held-out conversation is scored with what they chose. Tuned and
// scored on disjoint data, so the figure says what a new user's history would get. Pure: the caller evaluates.

/** A ranking constant by its path in RetrieverOptions ("scoring.sessionWeight") and the values tried. */
export interface Knob {
  path: string;
  values: readonly (number | boolean | string)[];
}

/** The knobs moved away from the defaults, path → value; {} is the defaults. */
export type Setting = Readonly<Record<string, number | boolean | string>>;

/** Per question of one conversation, whether its evidence was all packed (strict) at the objective's budget. */
export type Evaluate = (setting: Setting, conversation: string) => Promise<readonly boolean[]>;

export interface SearchResult {
  setting: Setting;
  /** Strict questions / questions over the conversations searched on. */
  score: number;
  evaluations: number;
}

export function settingKey(setting: Setting): string {
  return JSON.stringify(Object.keys(setting).sort().map((path) => [path, setting[path]]));
}

/** Memoizes an Evaluate by setting and conversation: folds share most of what they try. */
export function cachedEvaluate(evaluate: Evaluate): Evaluate & { readonly size: number } {
  const cache = new Map<string, Promise<readonly boolean[]>>();
  const cached = (setting: Setting, conversation: string): Promise<readonly boolean[]> => {
    const key = `${conversation}\u0000${settingKey(setting)}`;
    let found = cache.get(key);
    if (!found) cache.set(key, (found = evaluate(setting, conversation)));
    return found;
  };
  return Object.defineProperty(cached, 'size', { get: () => cache.size }) as Evaluate & { readonly size: number };
}

async function scoreOn(evaluate: Evaluate, setting: Setting, conversations: readonly string[]): Promise<number> {
  let strict = 0;
  let questions = 0;
  for (const conversation of conversations) {
    const outcomes = await evaluate(setting, conversation);
    strict += outcomes.filter(Boolean).length;
    questions += outcomes.length;
  }
  return questions === 0 ? 0 : strict / questions;
}

/**
 * Coordinate search from the defaults: each knob in turn takes the value that scores best on `conversations`
 * with the others held, for `passes` rounds. A move must win at least one more question; on a tie the current
 * value stays, so the defaults are kept unless the data says otherwise.
 */
export async function coordinateSearch(knobs: readonly Knob[], defaults: Setting, evaluate: Evaluate, conversations: readonly string[], passes: number): Promise<SearchResult> {
  let current: Record<string, number | boolean | string> = {};
  let best = await scoreOn(evaluate, current, conversations);
  let evaluations = 1;
  const questions = (await Promise.all(conversations.map((conversation) => evaluate({}, conversation)))).reduce((sum, outcomes) => sum + outcomes.length, 0);
  const margin = questions === 0 ? 0 : 0.5 / questions;
  for (let pass = 0; pass < passes; pass += 1) {
    let moved = false;
    for (const knob of knobs) {
      for (const value of knob.values) {
        const candidate = { ...current };
        if (value === defaults[knob.path]) delete candidate[knob.path];
        else candidate[knob.path] = value;
        if (settingKey(candidate) === settingKey(current)) continue;
        const score = await scoreOn(evaluate, candidate, conversations);
        evaluations += 1;
        if (score > best + margin) {
          best = score;
          current = candidate;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { setting: current, score: best, evaluations };
}

export interface Fold {
  heldOut: string;
  /** What the other conversations chose. */
  setting: Setting;
  /** Their in-sample score (strict at the objective's budget). */
  trainScore: number;
}

/** One coordinate search per held-out conversation, on all the others. */
export async function leaveOneOut(knobs: readonly Knob[], defaults: Setting, evaluate: Evaluate, conversations: readonly string[], passes: number, onFold?: (fold: Fold) => void): Promise<Fold[]> {
  const folds: Fold[] = [];
  for (const heldOut of conversations) {
    const train = conversations.filter((conversation) => conversation !== heldOut);
    const { setting, score } = await coordinateSearch(knobs, defaults, evaluate, train, passes);
    const fold = { heldOut, setting, trainScore: score };
    onFold?.(fold);
    folds.push(fold);
  }
  return folds;
}
