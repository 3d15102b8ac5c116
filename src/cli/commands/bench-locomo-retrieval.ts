// `bench locomo --mode retrieval`: wires an in-memory PGlite store, runs the benchmark, writes the reports.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { once } from 'node:events';
import { InvalidInputError } from '../../errors/index.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { runLocomoRetrieval, type RetrievalProgress } from '../../bench/locomo/run-retrieval.ts';
import { writeAndPrintReport, type FlagValues } from './bench-support.ts';
import { retrievalMarkdown } from '../../bench/report/retrieval-markdown.ts';
import { embedderLabel, loadConfig } from '../../config/index.ts';
import { createPersona } from '../../persona.ts';
import type { CliIo } from '../io.ts';

export const DEFAULT_BUDGETS = [500, 1000, 2000, 4000];

export function parseBudgets(value: string | undefined): number[] {
  if (value === undefined) return DEFAULT_BUDGETS;
  const budgets = value.split(',').map((part) => Number(part.trim()));
  if (budgets.length === 0 || budgets.some((budget) => !Number.isInteger(budget) || budget <= 0)) {
    throw new InvalidInputError(`--budgets takes positive integers separated by commas, e.g. 500,1000,2000,4000; got "${value}".`);
  }
  return [...new Set(budgets)].sort((a, b) => a - b);
}

function progressLine(progress: RetrievalProgress): string {
  const where = `[${progress.conversation}/${progress.conversations}] ${progress.sampleId}`;
  return progress.phase === 'replay' ? `${where}: replaying…` : `${where}: question ${progress.question}/${progress.questions}`;
}

export async function runRetrievalMode(values: FlagValues, io: CliIo): Promise<number> {
  if (typeof values.data !== 'string') throw new InvalidInputError('--data <file> is required: a file in the locomo10.json format.');
  if (typeof values.out !== 'string') throw new InvalidInputError('--out <dir> is required: where report.json and report.md go.');
  const budgets = parseBudgets(typeof values.budgets === 'string' ? values.budgets : undefined);
  const dataPath = resolve(io.cwd, values.data);
  const outDir = resolve(io.cwd, values.out);
  const conversations = await loadLocomo(dataPath);
  await mkdir(outDir, { recursive: true });
  const trace = values.trace ? createWriteStream(resolve(outDir, 'trace.jsonl')) : null;
  // The system as users run it, with no chat model and no vision: always lexical + time ("personavlm"), and beside
  // it the same with the configured embedder (--embedder …, PERSONAVLM_EMBEDDER…), unless that is none.
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const store = { ...config.store, dataDir: ':memory:' };
  const personas = [{ name: 'personavlm', persona: createPersona({ config: { ...config, store }, model: null, embedder: null, imageEmbedder: null, vision: false }) }];
  const embedder = config.embedder;
  if (embedder.provider !== 'none') {
    const label = embedderLabel(embedder);
    personas.push({ name: `personavlm+embedder (${label})`, persona: createPersona({ config: { ...config, store }, model: null, imageEmbedder: null, vision: false }) });
  }
  for (const { persona } of personas) await persona.open();
  try {
    const report = await runLocomoRetrieval({
      dataset: basename(dataPath),
      conversations,
      budgets,
      subjects: personas.map(({ name, persona }) => ({ name, subject: persona })),
      ...(trace ? { onTrace: (line) => void trace.write(`${JSON.stringify(line)}\n`) } : {}),
      ...(io.isTty ? { onProgress: (progress) => io.stderr(`\r${progressLine(progress)}\u001b[K`) } : {}),
    });
    if (io.isTty) io.stderr('\n');
    await writeAndPrintReport(io, outDir, retrievalMarkdown(report, budgets), report);
    return 0;
  } finally {
    for (const { persona } of personas) await persona.close();
    if (trace) {
      trace.end();
      await once(trace, 'finish');
    }
  }
}
