// `personavlm bench scenarios [name…] [--record] [--out DIR]`: the recorded real-model scenarios
// (src/bench/scenarios). Without --record, each is replayed from its recording (no model needed) and graded;
// with --record, the configured model endpoint answers every prompt the recording lacks (the stand-in endpoint
// of ../shared/tools/stand-in-model, or any real model) and the recording is rewritten with this run's calls.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig } from '../../config/index.ts';
import { InvalidInputError, ModelNotConfiguredError } from '../../errors/index.ts';
import { MODEL_HOW_TO_CONFIGURE } from '../../model/from-config.ts';
import { openAiCompatibleChatModel } from '../../model/openai-compatible-chat-model.ts';
import { SCENARIOS } from '../../bench/scenarios/definitions/index.ts';
import { gradeRun } from '../../bench/scenarios/grade.ts';
import { readRecording, RecordingModel, ReplayModel, writeRecording } from '../../bench/scenarios/recorded-model.ts';
import { recordingPath, runScenario } from '../../bench/scenarios/run-scenario.ts';
import { scenarioMarkdown } from '../../bench/scenarios/scenario-markdown.ts';
import type { Command } from '../io.ts';

const HELP = `Usage: personavlm bench scenarios [name…] [--record] [--out DIR] [configuration flags]

Recorded real-model scenarios (${SCENARIOS.map((scenario) => scenario.name).join(', ')}): each history goes through ingest and its questions
through chat, answered by recorded model replies; the report counts facts stored right / wrong / missing and
questions whose facts reached the model and whose answers say them.
  --record   answer every prompt the recording lacks with the configured model (PERSONAVLM_MODEL,
             PERSONAVLM_MODEL_BASE_URL; raise PERSONAVLM_MODEL_TIMEOUT_MS when a person plays the model), then
             rewrite the recording with this run's calls
  --out DIR  also write report.md and report.json there
`;

export const run: Command = async (args, io) => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...configFlagOptions(), record: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm bench scenarios --help\`.`, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const unknown = positionals.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new InvalidInputError(`No scenario ${unknown.join(', ')}; the scenarios are ${SCENARIOS.map((scenario) => scenario.name).join(', ')}.`);
  const chosen = SCENARIOS.filter((scenario) => positionals.length === 0 || positionals.includes(scenario.name));
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  if (values.record && !config.model) throw new ModelNotConfiguredError('Recording a scenario', MODEL_HOW_TO_CONFIGURE);

  const results = [];
  for (const scenario of chosen) {
    const existing = await readRecording(recordingPath(scenario.name));
    let model: ReplayModel | RecordingModel;
    if (values.record && config.model) {
      model = new RecordingModel(existing, openAiCompatibleChatModel({ baseUrl: config.model.baseUrl, modelId: config.model.modelId, timeoutMs: config.model.timeoutMs, ...(config.model.apiKey ? { apiKey: config.model.apiKey } : {}) }));
    } else {
      if (!existing) throw new InvalidInputError(`Scenario ${scenario.name} has no recording yet: record it with \`personavlm bench scenarios --record ${scenario.name}\` and a model endpoint.`);
      model = new ReplayModel(existing);
    }
    // An in-memory database per scenario, gone when the run closes it.
    const outcome = await runScenario(scenario, model, undefined, values.record ? config.model?.timeoutMs : undefined);
    if (model instanceof RecordingModel) {
      await writeRecording(recordingPath(scenario.name), { scenario: scenario.name, model: scenario.modelBrief, recordedAt: new Date().toISOString(), calls: model.used });
      io.stderr(`recorded ${scenario.name}: ${model.used.length} calls, ${model.asked} asked of ${config.model?.modelId} at ${config.model?.baseUrl}\n`);
    }
    const calls: Record<string, number> = {};
    for (const call of model.used) calls[call.prompt] = (calls[call.prompt] ?? 0) + 1;
    results.push({ run: outcome, grade: gradeRun(outcome), calls });
  }
  const markdown = scenarioMarkdown(results);
  io.stdout(markdown);
  if (typeof values.out === 'string') {
    const out = resolve(io.cwd, values.out);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'report.md'), markdown);
    await writeFile(join(out, 'report.json'), `${JSON.stringify(results.map(({ grade, calls, run: outcome }) => ({ ...grade, calls, warnings: outcome.warnings })), null, 1)}\n`);
  }
  return 0;
};
