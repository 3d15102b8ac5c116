// `personavlm bench locomo --mode qa`: the system answers every question; token F1 and the LLM judge per
// category (see bench/qa/run-locomo-qa.ts). Registered in LOCOMO_MODES with the options of bench-locomo-qa-options.ts.
import { basename, resolve } from 'node:path';
import { openBenchSystem } from '../../bench/qa/open-bench-system.ts';
import { agentModeOf, optionalPositiveInt, printReport, progressPrinter, requiredString, warningPrinter, type FlagValues } from './bench-support.ts';
import { runLocomoQa } from '../../bench/qa/run-locomo-qa.ts';
import { loadLocomo } from '../../datasets/locomo/load-locomo.ts';
import { loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { CliIo } from '../io.ts';

function categoriesOf(values: FlagValues): number[] | undefined {
  if (values.categories === undefined) return undefined;
  const categories = String(values.categories).split(',').map((part) => Number(part.trim()));
  if (categories.some((category) => !Number.isInteger(category) || category < 1 || category > 5)) throw new InvalidInputError(`--categories takes LoCoMo categories 1–5 separated by commas, e.g. 1,2,3,4; got "${String(values.categories)}".`);
  return categories;
}

export async function runQaMode(values: FlagValues, io: CliIo): Promise<number> {
  const dataPath = resolve(io.cwd, requiredString(values, 'data', 'a file in the locomo10.json format'));
  const outDir = resolve(io.cwd, requiredString(values, 'out', 'the folder for results and reports'));
  const categories = categoriesOf(values);
  const limitPerConversation = optionalPositiveInt(values, 'limit');
  const agentMode = agentModeOf(values);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const conversations = await loadLocomo(dataPath);
  const system = await openBenchSystem(config, {
    what: 'LoCoMo QA',
    outDir,
    agentMode,
    ...(typeof values['judge-model'] === 'string' ? { judgeModelId: values['judge-model'] } : {}),
    onEvent: warningPrinter(io),
  });
  try {
    const { paths } = await runLocomoQa({
      conversations,
      dataset: basename(dataPath),
      outDir,
      subject: system.subject,
      judge: system.judge,
      accounting: system.accounting,
      modelId: system.modelId,
      ...(categories ? { categories } : {}),
      ...(limitPerConversation ? { limitPerConversation } : {}),
      onProgress: progressPrinter(io, 'locomo qa'),
    });
    await printReport(io, paths);
    return 0;
  } finally {
    await system.close();
  }
}
