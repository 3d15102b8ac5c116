// `personavlm bench personamem`: the PersonaMem runner over the configured model (see bench/personamem).
import { resolve } from 'node:path';
import { openBenchSystem } from '../../bench/qa/open-bench-system.ts';
import { agentModeOf, MODEL_BENCH_OPTIONS, optionalPositiveInt, parseBenchFlags, printReport, progressPrinter, requiredString, warningPrinter } from './bench-support.ts';
import { runPersonaMem } from '../../bench/personamem/run-personamem.ts';
import { configFlagOptions, loadConfig } from '../../config/index.ts';
import type { Command } from '../io.ts';

const HELP = `Usage: personavlm bench personamem --questions <questions_32k.csv> --contexts <shared_contexts_32k.jsonl> --out <dir>
       [--limit N] [--agent-mode reason|one-shot] [model flags: --model-base-url, --model, …]

Each question sees its shared context up to end_index_in_shared_context: one memory owner per context, the
context replayed through the update phase in segments between the questions' end indexes (system messages
left out), each question asked as a multiple choice just after its last message. Needs a chat model. Results go
to <dir>/results.jsonl as graded (run again to resume), memories to <dir>/store; reports: report.md, report.json.
Run once per size (32k, 128k, 1M) with its own --out.
`;

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'personamem', { ...configFlagOptions(), ...MODEL_BENCH_OPTIONS, questions: { type: 'string' }, contexts: { type: 'string' }, limit: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const questionsFile = resolve(io.cwd, requiredString(values, 'questions', 'the PersonaMem questions CSV'));
  const contextsFile = resolve(io.cwd, requiredString(values, 'contexts', 'the PersonaMem shared contexts JSONL'));
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for results and reports'));
  const limitQuestions = optionalPositiveInt(values, 'limit');
  const agentMode = agentModeOf(values);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const system = await openBenchSystem(config, { what: 'The PersonaMem benchmark', outDir, agentMode, onEvent: warningPrinter(io) });
  try {
    const { paths } = await runPersonaMem({
      questionsFile,
      contextsFile,
      outDir,
      subject: system.subject,
      accounting: system.accounting,
      modelId: system.modelId,
      ...(limitQuestions ? { limitQuestions } : {}),
      onProgress: progressPrinter(io, 'personamem'),
    });
    await printReport(io, paths);
    return 0;
  } finally {
    await system.close();
  }
};
