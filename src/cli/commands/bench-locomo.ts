// `personavlm bench locomo --mode <mode>`: LoCoMo benchmarks. Modes register in LOCOMO_MODES (one line each).
import { parseBenchFlags, type FlagValues } from './bench-support.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { CliIo, Command } from '../io.ts';
import { configFlagOptions } from '../../config/index.ts';
import { QA_MODE_OPTIONS } from './bench-locomo-qa-options.ts';

export type LocomoMode = (values: FlagValues, io: CliIo) => Promise<number>;

export const LOCOMO_MODES: Record<string, { options: Record<string, { type: 'string' | 'boolean' }>; load: () => Promise<LocomoMode> }> = {
  retrieval: {
    options: { ...configFlagOptions(), data: { type: 'string' }, out: { type: 'string' }, trace: { type: 'boolean' }, budgets: { type: 'string' } },
    load: async () => (await import('./bench-locomo-retrieval.ts')).runRetrievalMode,
  },
  tune: {
    options: { ...configFlagOptions(), data: { type: 'string' }, out: { type: 'string' }, budgets: { type: 'string' }, 'objective-budgets': { type: 'string' }, passes: { type: 'string' }, only: { type: 'string' } },
    load: async () => (await import('./bench-locomo-tune.ts')).runTuneMode,
  },
  qa: { options: QA_MODE_OPTIONS, load: async () => (await import('./bench-locomo-qa.ts')).runQaMode },
};

const HELP = `Usage: personavlm bench locomo --mode retrieval --data <locomo10.json-format file> --out <dir> [--trace] [--budgets 500,1000,2000,4000]

Replays each conversation (user id = sample_id) into an in-memory PGlite store through the real ingest path
(no model), asks every question just after the last session, and measures evidence recall within each token
budget for personavlm and the baselines bm25-turns, recency and full-context (BENCHMARKS.md § 1).
Writes <dir>/report.json and <dir>/report.md; --trace also writes <dir>/trace.jsonl (items per question and system).
With an embedder configured (--embedder openai-compatible --embedder-base-url … --embedder-model …, or the
PERSONAVLM_EMBEDDER* variables) the report also holds "personavlm+embedder (<model>)", measured in the same run
beside the lexical "personavlm"; --embedder none keeps only the lexical figure.

       personavlm bench locomo --mode tune --data <file> --out <dir> [--objective-budgets 2000] [--passes 1]
       [--only lexical|embedder] [--budgets …]

Leave-one-conversation-out: for each conversation, a coordinate search over the ranking constants (from
src/retrieval/tuning.ts) chooses values on the other conversations, and the held-out one is scored with them;
the pooled held-out figures are the headline, beside the defaults in the same run. With an embedder configured,
the weights that join its vectors to the lexical score (vectorFusion, vectorWeight, vectorLimit) are searched
the same way (--only picks one of the two). --objective-budgets 500,2000: the search maximises strict recall
at each of them, every question counted at each. Writes <dir>/report.json and <dir>/report.md.

       personavlm bench locomo --mode qa --data <file> --out <dir> [--categories 1,2,3,4] [--limit N per conversation]
       [--agent-mode reason|one-shot] [--judge-model <id>] [model flags: --model-base-url, --model, …]

Needs a chat model. The system answers every question just after the last session; graded by token F1 against
the gold answer and an LLM judge (CORRECT/WRONG, pinned prompt), per category. Category 5 (adversarial) has no
gold answer: it is graded by abstention. Results go to <dir>/results.jsonl as graded (run again to resume).
`;

export const run: Command = async (args, io) => {
  const modeOptions = Object.assign({}, ...Object.values(LOCOMO_MODES).map((mode) => mode.options)) as Record<string, { type: 'string' | 'boolean' }>;
  const values = parseBenchFlags(args, 'locomo', { ...modeOptions, mode: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const name = typeof values.mode === 'string' ? values.mode : 'retrieval';
  const mode = LOCOMO_MODES[name];
  if (!mode) throw new InvalidInputError(`Unknown LoCoMo mode "${name}". Choose one of: ${Object.keys(LOCOMO_MODES).join(', ')}.`);
  return (await mode.load())(values, io);
};
