// What the model-based bench commands share: option parsing, progress on a terminal, the closing output.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { AgentMode } from '../../agent/agent-types.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { CliIo } from '../io.ts';
import type { PersonaEvent } from '../../memory/events.ts';
import { writeReportFiles, type ReportPaths } from '../../bench/qa/report-files.ts';

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** Options every model-based bench command takes besides the configuration flags (--judge-model only where a judge grades). */
export const MODEL_BENCH_OPTIONS = {
  out: { type: 'string' },
  'agent-mode': { type: 'string' },
} as const;

/** Strict flags, no positionals; a bad flag is an InvalidInputError that points to the command's --help. */
export function parseBenchFlags(args: string[], command: string, options: ParseArgsOptionsConfig): FlagValues {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}. See \`personavlm bench ${command} --help\`.`, { cause: error });
  }
}

export function requiredString(values: FlagValues, name: string, what: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(`--${name} is required: ${what}.`);
  return value;
}

export function optionalPositiveInt(values: FlagValues, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(number) || number <= 0) throw new InvalidInputError(`--${name} takes a positive whole number; got "${String(value)}".`);
  return number;
}

export function agentModeOf(values: FlagValues): AgentMode {
  const value = values['agent-mode'] ?? 'reason';
  if (value !== 'reason' && value !== 'one-shot') throw new InvalidInputError(`--agent-mode is "reason" (think, retrieve, answer: up to max-rounds calls) or "one-shot" (retrieve with the question, answer once); got "${String(value)}".`);
  return value;
}

/** A progress line on a terminal; nothing otherwise (stdout stays machine-readable). */
export function progressPrinter(io: CliIo, label: string): ((done: number, total: number) => void) | undefined {
  if (!io.isTty) return undefined;
  return (done, total) => io.stderr(`\r${label}: ${done}/${total} graded\u001b[K`);
}

/** Warnings of the system under test go to stderr: a degraded path is never silent. */
export const warningPrinter =
  (io: CliIo) =>
  (event: PersonaEvent): void => {
    if (event.type === 'warning') io.stderr(`\nwarning [${String(event.code)}]: ${String(event.message)}\n`);
  };

/** On a terminal the markdown report; otherwise the JSON report on one line. */
export async function printReport(io: CliIo, paths: ReportPaths): Promise<void> {
  if (io.isTty) {
    io.stderr('\n');
    io.stdout(await readFile(paths.markdown, 'utf8'));
    io.stderr(`Reports: ${paths.markdown}, ${paths.json}\n`);
  } else {
    io.stdout(`${JSON.stringify(JSON.parse(await readFile(paths.json, 'utf8')))}\n`);
  }
}

/** A report computed in one go: report.md and report.json in outDir, then printed: the markdown on a terminal, the JSON on one line otherwise. */
export async function writeAndPrintReport(io: CliIo, outDir: string, markdown: string, report: unknown): Promise<void> {
  await writeReportFiles(outDir, markdown, report);
  io.stdout(io.isTty ? markdown : `${JSON.stringify(report)}\n`);
}
