// report.md of the recall-latency benchmark.
import type { LatencyReport } from './run-latency.ts';

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const LEGEND = [
  'Columns: recall percentiles in ms; cold first recall builds the owner\'s in-memory ranking view; load s: all users through the store API;',
  'database MB (empty): the size after loading (and of the migrated empty database); foreign items: recall items holding another user\'s turns (must be 0).',
];

export function latencyMarkdown(report: LatencyReport): string {
  const withVectors = report.results.some((r) => r.vectorSearch);
  const lines = [
    `# Recall latency — ${report.results.map((r) => r.engine).filter((e, i, all) => all.indexOf(e) === i).join(', ') || 'no engine'}`,
    '',
    `Per database: ${report.users} users of the same size (the owner and ${report.users - 1} others); size = turns per user (${report.corpus}).`,
    `Queries: ${report.queries} LoCoMo questions (${report.dataset}) × ${report.repeats} repeats, budget ${report.budgetTokens} tokens; embedder: ${report.embedder ?? 'none (lexical + time)'}.`,
    'Times in ms (nearest-rank percentiles). The lexical floor (a bare in-process BM25 over the same turns) is in the second table.',
    ...LEGEND,
    '',
    row(['engine', 'turns / user', 'memories / user', 'recall p50', 'recall p95', 'recall p99', 'cold first recall', 'load s', 'RSS after load MB', 'RSS after recall MB', 'database MB (empty)', 'foreign items']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...report.results.map((r) => row([r.engine, r.size, r.memoriesPerUser, r.recall.p50, r.recall.p95, r.recall.p99, r.recallColdMs, r.loadSeconds, r.memoryMB.rssAfterLoad, r.memoryMB.rssAfterRecall, `${mb(r.database.bytes)} (${mb(r.database.emptyBytes)})`, r.foreignItems])),
    '',
    '## The ranking view alone, and the floor',
    '',
    'Same owner data, same queries: the view built from the stored turns and memories (heap and typed-array bytes per turn, after a full GC),',
    'recall over it without the store refresh, and a bare in-process BM25 top-20 over the same turns\' stemmed words: the least any lexical recall costs.',
    '',
    row(['engine', 'turns / user', 'turn view bytes / turn', 'memory view bytes / turn', 'ranking alone p50', 'ranking alone p95', 'BM25 floor p50', 'recall p50', 'recall / floor (p50)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...report.results.map((r) => row([r.engine, r.size, r.view.bytesPerTurn, r.view.memoryBytesPerTurn, r.view.rankOnly.p50, r.view.rankOnly.p95, r.view.bm25Floor.p50, r.recall.p50, r.ratio.recallOverFloor])),
    '',
    '## Recall after a memory write',
    '',
    'A semantic memory added, corrected and superseded, the owner recalled after each write (what a server whose model writes memories every',
    'turn pays): the view takes the rows written since the stamp it saw. Baseline in the same process, alternated: reading the owner\'s memories',
    'and building their view from scratch, which that recall cost before the view was kept up to date.',
    '',
    row(['engine', 'turns / user', 'memories / user', 'recall after a write p50', 'p95', 'warm recall p50', 'full memory rebuild p50', 'p95', 'rebuild / after a write (p50)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...report.results.map((r) => row([r.engine, r.size, r.memoriesPerUser, r.afterMemoryWrite.recall.p50, r.afterMemoryWrite.recall.p95, r.recall.p50, r.afterMemoryWrite.rebuild.p50, r.afterMemoryWrite.rebuild.p95,
      r.afterMemoryWrite.recall.p50 > 0 ? Math.round((r.afterMemoryWrite.rebuild.p50 / r.afterMemoryWrite.recall.p50) * 10) / 10 : '—'])),
    '',
  ];
  if (withVectors) {
    lines.push(
      '## Vector search baseline (store.search.vector, top 50 turns)',
      '',
      row(['engine', 'turns / user', 'pgvector p50', 'pgvector p95', 'exact scan p50', 'exact scan p95', 'exact / pgvector (p50)', 'recall / vector (p50)']),
      row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
      ...report.results.filter((r) => r.vectorSearch).map((r) => {
        const v = r.vectorSearch!;
        const exactOverPgvector = v.pgvector && v.pgvector.p50 > 0 ? Math.round((v.exact.p50 / v.pgvector.p50) * 100) / 100 : '—';
        return row([r.engine, r.size, v.pgvector?.p50 ?? '— (no pgvector)', v.pgvector?.p95 ?? '—', v.exact.p50, v.exact.p95, exactOverPgvector, r.ratio.recallOverVector ?? '—']);
      }),
      '',
      ...report.results.flatMap((r) => (r.vectorSearch?.pgvectorUnavailable ? [`${r.engine} ${r.size}: pgvector not used: ${r.vectorSearch.pgvectorUnavailable}`, ''] : [])),
    );
  }
  lines.push(
    'Database size: ' + report.results.map((r) => `${r.engine} ${r.size}: ${mb(r.database.bytes)} MB (${r.database.what}${r.database.databaseBytes ? `; whole database ${mb(r.database.databaseBytes)} MB` : ''})`).join('; ') + '.',
    'RSS is this process (PGlite runs inside it; a PostgreSQL server does not), measured after each run in one process, so it includes what earlier runs left to the garbage collector.',
    '',
  );
  for (const skip of report.skipped) lines.push(`Skipped ${skip.engine}: ${skip.reason}.`, '');
  return lines.join('\n');
}
