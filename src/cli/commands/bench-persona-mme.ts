// `personavlm bench persona-mme`: the Persona-MME runner over the configured model (see bench/persona-mme).
import { resolve } from 'node:path';
import { openBenchSystem } from '../../bench/qa/open-bench-system.ts';
import { agentModeOf, MODEL_BENCH_OPTIONS, optionalPositiveInt, parseBenchFlags, printReport, progressPrinter, requiredString, warningPrinter } from './bench-support.ts';
import { runPersonaMme } from '../../bench/persona-mme/run-persona-mme.ts';
import { configFlagOptions, loadConfig } from '../../config/index.ts';
import type { Command } from '../io.ts';

const HELP = `Usage: personavlm bench persona-mme --questions <Persona-MME.json> --out <dir> [--data-root <dir>]
       [--limit-users N] [--agent-mode reason|one-shot] [model flags: --model-base-url, --model, …]

Replays each user's history (user_data.json at the question's data_path, resolved against --data-root, default
the folder of the question file) through the update phase, then asks every multiple-choice question at its
time and each alignment reply as a yes/no question. Needs a chat model. Results go to <dir>/results.jsonl as
they are graded (run again to resume) and the memories to <dir>/store; reports: <dir>/report.md, report.json.
`;

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'persona-mme', { ...configFlagOptions(), ...MODEL_BENCH_OPTIONS, questions: { type: 'string' }, 'data-root': { type: 'string' }, 'limit-users': { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const questionsFile = resolve(io.cwd, requiredString(values, 'questions', 'the Persona-MME question file (Persona-MME.json)'));
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for results and reports'));
  const limitUsers = optionalPositiveInt(values, 'limit-users');
  const agentMode = agentModeOf(values);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const system = await openBenchSystem(config, { what: 'The Persona-MME benchmark', outDir, agentMode, onEvent: warningPrinter(io) });
  try {
    const { paths } = await runPersonaMme({
      questionsFile,
      ...(typeof values['data-root'] === 'string' ? { dataRoot: resolve(io.cwd, values['data-root']) } : {}),
      outDir,
      subject: system.subject,
      accounting: system.accounting,
      modelId: system.modelId,
      ...(limitUsers ? { limitUsers } : {}),
      onProgress: progressPrinter(io, 'persona-mme'),
    });
    await printReport(io, paths);
    return 0;
  } finally {
    await system.close();
  }
};
