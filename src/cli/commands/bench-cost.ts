// `personavlm bench cost`: model calls and tokens of the update phase per 100 turns in both write budgets,
// and the non-model overhead per turn (BENCHMARKS.md § 3). No model needed: a scripted one answers.
import { basename, resolve } from 'node:path';
import { costMarkdown } from '../../bench/cost/cost-markdown.ts';
import { runCost } from '../../bench/cost/run-cost.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { optionalPositiveInt, parseBenchFlags, requiredString, writeAndPrintReport } from './bench-support.ts';
import type { Command } from '../io.ts';

const HELP = `Usage: personavlm bench cost --data <locomo.json> --out <dir> [--turns 200] [--conversation <sample_id>]

Replays the first N turns of one LoCoMo conversation (default the first) through the real update phase in both
write budgets, fixed (1 model call per user turn + 1 per session) and paper (2 + 3), with a scripted model that
answers every remember prompt with realistic JSON. Reports per 100 turns: model calls, prompt tokens (the real
prompts, cl100k_base), completion tokens (scripted), the fixed/paper ratio, and the per-turn overhead that
needs no model (store + enrich + index). Writes <dir>/report.md and <dir>/report.json.
`;

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'cost', { data: { type: 'string' }, out: { type: 'string' }, turns: { type: 'string' }, conversation: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const dataPath = resolve(io.cwd, requiredString(values, 'data', 'a file in the locomo10.json format'));
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for report.md and report.json'));
  const turns = optionalPositiveInt(values, 'turns') ?? 200;
  const report = await runCost({
    dataset: basename(dataPath),
    conversations: await loadLocomo(dataPath),
    turns,
    ...(typeof values.conversation === 'string' ? { sampleId: values.conversation } : {}),
    onProgress: (step) => io.stderr(`bench cost: ${step}\n`),
  });
  await writeAndPrintReport(io, outDir, costMarkdown(report), report);
  return 0;
};
