// `personavlm doctor`: checks the configured database, model endpoint, embedders and vision analyzers, one line
// each with the exact fix. Exit 0 when the essentials (the database) work; a missing model is a warning.
import { parseArgs } from 'node:util';
import { configFlagOptions, loadConfig, redactConfig, resolveConfigFile } from '../../config/index.ts';
import type { PersonaConfig } from '../../config/schema.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { CheckStatus, DoctorCheck } from '../../model/doctor-check.ts';
import { MODEL_HOW_TO_CONFIGURE } from '../../model/from-config.ts';
import { probeChatEndpoint } from '../../model/probe-chat-endpoint.ts';
import { probeImageEmbedder, probeTextEmbedder } from '../../model/probe-embedders.ts';
import type { Command } from '../io.ts';
import { probeStore, probeVision } from './doctor-checks.ts';

const HELP = `Usage: personavlm doctor [--json] [configuration flags]

Checks the database, the model endpoint (reachable, serves the model, accepts images), the embedders and the
vision analyzers. Prints one line per check with the fix; JSON when stdout is not a terminal or with --json.
Exit status: 0 when the database works, 1 when it does not.
`;

async function probeModel(config: PersonaConfig): Promise<DoctorCheck[]> {
  if (!config.model) return [{ name: 'model', status: 'warn', detail: 'no chat model configured: chat and remembering need one; recall, ingest and retrieval benchmarks do not', fix: MODEL_HOW_TO_CONFIGURE }];
  return probeChatEndpoint(config.model);
}

export async function runDoctorChecks(config: PersonaConfig): Promise<DoctorCheck[]> {
  const groups = await Promise.all([probeStore(config), probeModel(config), probeTextEmbedder(config.embedder), probeImageEmbedder(config.imageEmbedder), probeVision(config)]);
  return groups.flat();
}

const MARK: Record<CheckStatus, string> = { ok: 'ok     ', warn: 'warn   ', missing: 'missing', error: 'ERROR  ', skipped: 'skipped' };

function render(checks: DoctorCheck[], ok: boolean, configFile: string | undefined): string {
  const width = Math.max(...checks.map((check) => check.name.length));
  const lines = [`personavlm doctor (configuration: ${configFile ?? 'defaults + PERSONAVLM_* env + flags'})`, ''];
  for (const check of checks) {
    lines.push(`  ${MARK[check.status]}  ${check.name.padEnd(width)}  ${check.detail}`);
    if (check.fix && check.status !== 'ok') lines.push(`  ${' '.repeat(9)}  ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  lines.push('', ok ? 'The essentials work.' : 'The database does not work: personavlm cannot run until it does (see the fix above).', '');
  return lines.join('\n');
}

export const run: Command = async (args, io) => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: { ...configFlagOptions(), json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm doctor --help\`.`, { cause: error });
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const options = { flags: values, env: io.env, cwd: io.cwd };
  const config = await loadConfig(options);
  const configFile = await resolveConfigFile(options);
  const checks = await runDoctorChecks(config);
  const ok = checks.every((check) => !check.essential || check.status === 'ok');
  if (values.json || !io.isTty) io.stdout(`${JSON.stringify({ ok, configFile: configFile ?? null, config: redactConfig(config), checks }, null, 2)}\n`);
  else io.stdout(render(checks, ok, configFile));
  return ok ? 0 : 1;
};
