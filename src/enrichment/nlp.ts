// One lazily created wink-nlp instance: importing the model takes ~110 ms and building the pipeline ~200–300 ms,
// so nothing loads at import time (runtime/lazy-module.ts); commands that analyse no text never load it.
import type WinkNlp from 'wink-nlp';
import type WinkModel from 'wink-eng-lite-web-model';
import { lazyModule } from '../runtime/lazy-module.ts';

type Wink = ReturnType<typeof WinkNlp>;

const winkNlp = lazyModule<typeof WinkNlp>('wink-nlp');
/** The English model (retrieval/terms.ts loads its Porter2 addon on its own). */
const winkModel = lazyModule<typeof WinkModel>('wink-eng-lite-web-model');

let instance: Wink | null = null;

/**
 * Only the annotations analyze reads: part of speech (lemmas come from it) and entities. wink's default pipe also
 * runs sentence breaking, negation, sentiment and custom entities; without them the tokens, lemmas, tags and
 * entities are the same (compared on all 8,603 distinct texts of the LoCoMo dev split) and a text reads ~40% faster.
 */
const PIPE = ['pos', 'ner'];

export function nlp(): Wink {
  instance ??= winkNlp()(winkModel(), PIPE);
  return instance;
}

export interface AnalyzedToken {
  /** Surface form as written. */
  text: string;
  /** Lowercased surface form. */
  word: string;
  lemma: string;
  pos: string;
}

export interface AnalyzedText {
  tokens: AnalyzedToken[];
  /** wink's entities (DATE, TIME, CARDINAL, …) with their surface text. */
  entities: { value: string; type: string }[];
}

/**
 * Analyses made on another thread for texts this one is about to analyse (retrieval/prefetch-plan.ts: a CLI
 * `recall` loads the model there while this thread opens the database). Each is used once; the same function made
 * them, so a text analysed here or there gives the same tokens.
 */
const primed = new Map<string, AnalyzedText>();
const PRIMED_LIMIT = 64;

export function primeAnalyses(analyses: Iterable<readonly [string, AnalyzedText]>): void {
  for (const [text, analysed] of analyses) {
    if (primed.size >= PRIMED_LIMIT) primed.delete(primed.keys().next().value!);
    primed.set(text, analysed);
  }
}

/** Whether an analysis of the text is waiting (tests: the worker's arrived). */
export const isPrimed = (text: string): boolean => primed.has(text);

export function analyze(text: string): AnalyzedText {
  const ready = primed.get(text);
  if (ready) {
    primed.delete(text);
    return ready;
  }
  const wink = nlp();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const words = doc.tokens().out(its.normal) as string[];
  const values = doc.tokens().out() as string[];
  // wink's typings declare lemma with the addons signature; at runtime it is an ordinary its function.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.normal) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const tokens = words.map((word, index) => ({
    text: values[index] ?? word,
    word,
    lemma: (lemmas[index] ?? word).toLowerCase(),
    pos: pos[index] ?? 'X',
  }));
  const entities = (doc.entities().out(its.detail) as unknown as { value: string; type: string }[]).map((entity) => ({
    value: entity.value,
    type: entity.type,
  }));
  return { tokens, entities };
}
