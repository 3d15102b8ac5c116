// Worker entry of prefetch-plan.ts: loads the NLP model at once, then analyses the texts planQuery will read for
// the one query it is sent, posts them back and ends.
import { parentPort } from 'node:worker_threads';
import { analyze, nlp, type AnalyzedText } from '../enrichment/nlp.ts';
import { plannedTexts, type PlanInput } from './query-plan.ts';

nlp();
parentPort?.once('message', (input: PlanInput) => {
  const analyses: [string, AnalyzedText][] = plannedTexts(input).map((text) => [text, analyze(text)]);
  parentPort?.postMessage(analyses);
  parentPort?.close();
});
