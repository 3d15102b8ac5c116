// A one-shot process (CLI `recall`) spends its first second loading code and opening the database; the query's
// words need the NLP model (~0.25 s to load), which only they need. A worker thread loads it meanwhile and analyses
// them, so on a machine with a second core the main thread finds the analyses ready (enrichment/nlp.ts
// primeAnalyses) and never loads the model. Same functions on both threads, so the plan is the same either way; if
// the worker fails, the caller is told (onError) and the main thread analyses the query itself.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { primeAnalyses, type AnalyzedText } from '../enrichment/nlp.ts';
import type { PlanInput } from './query-plan.ts';

export interface PlanPrefetch {
  /** The query, once its time and zone are known (the worker has been loading the model since it started). */
  plan(input: PlanInput): void;
  /** Resolves once the analyses are primed, or the worker failed. */
  readonly ready: Promise<void>;
  /** Stops the worker wherever it is (call it on every way out: a worker waiting for its query keeps the process alive). */
  close(): Promise<void>;
}

/** Starts the worker now, before the query's time zone is known (loading the configuration takes a while too). */
export function startPlanPrefetch(onError: (error: Error) => void): PlanPrefetch {
  // The worker file beside this one: .ts when running from the sources, .js from dist/.
  const url = new URL(`./plan-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const worker = new Worker(url);
  const ready = new Promise<void>((resolve) => {
    // Resolved by the message itself: 'exit' may be emitted before the messages the worker posted are delivered.
    worker.once('message', (analyses: [string, AnalyzedText][]) => {
      primeAnalyses(analyses);
      resolve();
    });
    worker.once('error', (error) => {
      onError(error);
      resolve();
    });
    worker.once('exit', () => resolve());
  });
  let asked = false;
  return {
    plan: (input) => {
      if (asked) return;
      asked = true;
      worker.postMessage(input);
    },
    ready,
    close: async () => {
      await worker.terminate();
    },
  };
}
