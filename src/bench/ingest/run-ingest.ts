// bench ingest: LoCoMo conversations stored through `ingestHistory` with no model, on each engine, by the
// one-turn path (one transaction per turn, what live turns take) and by the batched path (the default), in the
// same run: turns/s, statements per turn, database size per 1,000 turns, process RSS.
import { enrichText } from '../../enrichment/index.ts';
import { EventBus } from '../../memory/events.ts';
import type { History } from '../../memory/history.ts';
import { rememberConfig, type RememberDeps } from '../../remember/deps.ts';
import { ingestHistory } from '../../remember/ingest.ts';
import { engineStore, type Engine } from '../latency/engine-store.ts';
import { createRetriever } from '../../retrieval/index.ts';

export interface IngestRunOptions {
  histories: ReadonlyArray<{ userId: string; history: History }>;
  engines: Engine[];
  postgresUrl?: string;
  /** Turns per transaction of the batched path (the default of ingest when unset). */
  batchTurns?: number;
  /**
   * Each history imported this many times over, as another user each time (`<user>`, `<user>-2`, …), into the same
   * database: the later rounds show the steady state (warm JIT and engine) that a long import runs at. Default 1.
   */
  times?: number;
  onProgress?: (step: string) => void;
}

export interface IngestResult {
  engine: Engine;
  path: 'one turn per transaction' | 'batched';
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  statementsPerTurn: number;
  /** Growth of the database per 1,000 turns over the migrated empty one (PGlite: data directory; PostgreSQL: the run's schema). */
  mibPer1kTurns: number;
  emptyMiB: number;
  sizeWhat: string;
  rssMB: number;
}

export interface IngestReport {
  conversations: number;
  /** How many times over each conversation was imported (IngestRunOptions.times). */
  times: number;
  turns: number;
  results: IngestResult[];
  skipped: string[];
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(engine: Engine, path: IngestResult['path'], options: IngestRunOptions): Promise<IngestResult> {
  const place = await engineStore(engine, options.postgresUrl);
  let statements = 0;
  const onStatement = () => (statements += 1);
  const store = place.create('auto', onStatement);
  try {
    // The migrated empty database first: its size is subtracted, so MiB / 1k turns is what the turns cost.
    await store.open();
    await store.close();
    const empty = await place.size();
    await store.open();
    const deps: RememberDeps = { store, memorySearch: createRetriever({ store }), chat: null, events: new EventBus(), enrich: enrichText, config: rememberConfig() };
    statements = 0;
    let turns = 0;
    const started = performance.now();
    for (let round = 1; round <= (options.times ?? 1); round += 1) {
      for (const { userId, history } of options.histories) {
        const owner = round === 1 ? userId : `${userId}-${round}`;
        const summary = await ingestHistory(deps, owner, history, path === 'batched' ? (options.batchTurns ? { batchTurns: options.batchTurns } : {}) : { batchTurns: 1 });
        turns += summary.turns.stored;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const spent = statements;
    await store.close();
    const size = await place.size();
    return {
      engine,
      path,
      turns,
      seconds: round(seconds, 2),
      turnsPerSecond: Math.round(turns / seconds),
      statementsPerTurn: round(spent / turns, 2),
      mibPer1kTurns: round(((size.bytes - empty.bytes) / 1024 / 1024) * (1000 / turns), 2),
      emptyMiB: round(empty.bytes / 1024 / 1024, 1),
      sizeWhat: size.what,
      rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
  } finally {
    await store.close().catch(() => undefined);
    await place.remove();
  }
}

export async function runIngest(options: IngestRunOptions): Promise<IngestReport> {
  const results: IngestResult[] = [];
  const skipped: string[] = [];
  for (const engine of options.engines) {
    if (engine === 'postgres' && !options.postgresUrl) {
      skipped.push('postgres: no --postgres-url and no PERSONAVLM_TEST_POSTGRES_URL');
      continue;
    }
    for (const path of ['one turn per transaction', 'batched'] as const) {
      options.onProgress?.(`${engine}, ${path}`);
      results.push(await measure(engine, path, options));
    }
  }
  const times = options.times ?? 1;
  const turns = times * options.histories.reduce((sum, { history }) => sum + history.sessions.reduce((n, session) => n + session.turns.length, 0), 0);
  return { conversations: options.histories.length, times, turns, results, skipped };
}

export function ingestMarkdown(report: IngestReport): string {
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const oneTurn = (engine: Engine) => report.results.find((r) => r.engine === engine && r.path === 'one turn per transaction');
  return [
    `# Ingest — ${report.conversations} LoCoMo conversations${report.times > 1 ? ` imported ${report.times} times over (${report.conversations * report.times} users)` : ''}, ${report.turns} turns, no model`,
    '',
    'Each engine and path gets a fresh database; the same conversations in the same order. Speed-up: turns/s over the one-turn path of the same engine in this run.',
    'Statements: every statement sent, BEGIN/COMMIT and savepoints included. MiB / 1k turns: growth over the migrated empty database (PGlite: its data directory with WAL; PostgreSQL: the run schema\'s tables and indexes).',
    '',
    row(['engine', 'path', 'turns', 'seconds', 'turns/s', 'speed-up', 'statements / turn', 'MiB / 1k turns (empty MiB)', 'RSS MB']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...report.results.map((r) => row([r.engine, r.path, r.turns, r.seconds, r.turnsPerSecond, `${round(r.turnsPerSecond / (oneTurn(r.engine)?.turnsPerSecond ?? r.turnsPerSecond), 1)}×`, r.statementsPerTurn, `${r.mibPer1kTurns} (${r.emptyMiB})`, r.rssMB])),
    '',
    ...report.skipped.map((line) => `Skipped: ${line}`),
  ].join('\n');
}
