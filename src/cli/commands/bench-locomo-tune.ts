// `bench locomo --mode tune`: leave-one-conversation-out figures for the ranking constants (tune-retrieval.ts),
// for the lexical system and, with an embedder configured, for the weights that join its vectors to it.
import { mkdir } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { LEXICAL_KNOBS, runLooTuning, VECTOR_KNOBS, type TuneReport, type TuneSubject } from '../../bench/locomo/tune-retrieval.ts';
import { tuneMarkdown } from '../../bench/report/tune-markdown.ts';
import { embedderLabel, loadConfig } from '../../config/index.ts';
import { createPersona, internalsOf, type Persona } from '../../persona.ts';
import type { TextEmbedder } from '../../model/ports.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { RETRIEVER_DEFAULTS, vectorOptionsOf } from '../../retrieval/retriever.ts';
import { UserViews } from '../../retrieval/user-view.ts';
import { collectSignals } from '../../retrieval/vector-signals.ts';
import { parseBudgets } from './bench-locomo-retrieval.ts';
import { optionalPositiveInt, writeAndPrintReport, type FlagValues } from './bench-support.ts';
import type { CliIo } from '../io.ts';

/** The store with vector searches remembered: a setting re-asks the same question many times. */
function rememberingVectorSearch(store: MemoryStore): MemoryStore {
  const hits = new Map<string, ReturnType<MemoryStore['search']['vector']>>();
  const vector: MemoryStore['search']['vector'] = (userId, query) => {
    const key = JSON.stringify([userId, query]);
    let found = hits.get(key);
    if (!found) hits.set(key, (found = store.search.vector(userId, query)));
    return found;
  };
  return Object.create(store, { search: { value: Object.create(store.search, { vector: { value: vector } }) } }) as MemoryStore;
}

function rememberingEmbedder(embedder: TextEmbedder): TextEmbedder {
  const vectors = new Map<string, Promise<number[][]>>();
  return Object.create(embedder, {
    embed: {
      value: (texts: string[]) => {
        const key = JSON.stringify(texts);
        let found = vectors.get(key);
        if (!found) vectors.set(key, (found = embedder.embed(texts)));
        return found;
      },
    },
  }) as TextEmbedder;
}

function subjectOf(persona: Persona, timeZone: string): TuneSubject {
  const { store, rememberDeps } = internalsOf(persona);
  const views = new Map<string, UserViews>();
  const embedder = rememberDeps.embedder ? rememberingEmbedder(rememberDeps.embedder) : null;
  const deps = { store: rememberingVectorSearch(store), embedder };
  return {
    async view(sampleId, bm25) {
      const key = JSON.stringify(bm25);
      let found = views.get(key);
      if (!found) views.set(key, (found = new UserViews(store, bm25, 64, timeZone)));
      return found.refresh(sampleId);
    },
    async signals(sampleId, question, at, view, options) {
      if (!embedder) return undefined;
      return collectSignals(deps, { userId: sampleId, query: question, at, budgetTokens: 0 }, view.turns, view.memories, vectorOptionsOf(options));
    },
  };
}

export async function runTuneMode(values: FlagValues, io: CliIo): Promise<number> {
  if (typeof values.data !== 'string') throw new InvalidInputError('--data <file> is required: a file in the locomo10.json format.');
  if (typeof values.out !== 'string') throw new InvalidInputError('--out <dir> is required: where report.json and report.md go.');
  const budgets = parseBudgets(typeof values.budgets === 'string' ? values.budgets : undefined);
  const objectiveBudgets = typeof values['objective-budgets'] === 'string' ? parseBudgets(values['objective-budgets']) : [2000];
  const passes = optionalPositiveInt(values, 'passes') ?? 1;
  const outside = objectiveBudgets.find((budget) => !budgets.includes(budget));
  if (outside !== undefined) throw new InvalidInputError(`--objective-budgets ${outside} must be one of --budgets (${budgets.join(',')}).`);
  const only = typeof values.only === 'string' ? values.only : undefined;
  if (only !== undefined && only !== 'lexical' && only !== 'embedder') throw new InvalidInputError(`--only takes lexical or embedder; got "${only}".`);
  const dataPath = resolve(io.cwd, values.data);
  const outDir = resolve(io.cwd, values.out);
  const conversations = await loadLocomo(dataPath);
  if (conversations.length < 2) throw new InvalidInputError(`Leave-one-out needs at least 2 conversations; ${dataPath} has ${conversations.length}.`);
  await mkdir(outDir, { recursive: true });
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const store = { ...config.store, dataDir: ':memory:' };
  const timeZone = config.memory.timeZone;
  const runs: { system: string; persona: Persona; knobs: typeof LEXICAL_KNOBS }[] = [
    { system: 'personavlm', persona: createPersona({ config: { ...config, store }, model: null, embedder: null, imageEmbedder: null, vision: false }), knobs: LEXICAL_KNOBS },
  ];
  if (config.embedder.provider !== 'none') {
    const label = embedderLabel(config.embedder);
    runs.push({ system: `personavlm+embedder (${label})`, persona: createPersona({ config: { ...config, store }, model: null, imageEmbedder: null, vision: false }), knobs: VECTOR_KNOBS });
  }
  const reports: TuneReport[] = [];
  const chosen = runs.filter((run) => only === undefined || (only === 'lexical') === (run.knobs === LEXICAL_KNOBS));
  if (chosen.length === 0) throw new InvalidInputError('--only embedder needs an embedder configured (--embedder …, PERSONAVLM_EMBEDDER…).');
  try {
    for (const run of chosen) {
      await run.persona.open();
      for (const [index, conversation] of conversations.entries()) {
        io.stderr(`${run.system}: replaying ${conversation.sampleId} (${index + 1}/${conversations.length})\n`);
        await run.persona.ingest(conversation.sampleId, conversation.history);
      }
      // The embedder's weights are searched on top of the lexical constants as they are (tuning.ts).
      reports.push(await runLooTuning({
        dataset: basename(dataPath),
        system: run.system,
        conversations,
        subject: subjectOf(run.persona, timeZone),
        knobs: run.knobs,
        budgets,
        objectiveBudgets,
        passes,
        base: { ...RETRIEVER_DEFAULTS, timeZone },
        onProgress: (line) => io.stderr(`${run.system}: ${line}\n`),
      }));
    }
  } finally {
    for (const run of runs) await run.persona.close();
  }
  await writeAndPrintReport(io, outDir, tuneMarkdown(reports, budgets), { reports });
  return 0;
}
