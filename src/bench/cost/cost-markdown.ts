// report.md of the cost benchmark: one table per question (model spend per 100 turns, non-model overhead).
import type { CostReport } from './run-cost.ts';

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

export function costMarkdown(report: CostReport): string {
  const { fixed, paper } = report.budgets;
  const purposes = [...new Set([...Object.keys(fixed.byPurpose), ...Object.keys(paper.byPurpose)])].sort();
  const lines = [
    `# Update-phase cost — ${report.dataset}, ${report.sampleId}, first ${report.turns} turns`,
    '',
    `${report.turns} turns replayed (${report.userTurns} user turns, ${report.sessions} sessions) through persona.ingest + drain on in-memory PGlite.`,
    `Prompt tokens: the real rendered prompts, ${report.tokenizer}. Completion tokens: of the scripted replies (a deterministic stand-in for a model), so indicative only.`,
    '',
    '## Model spend per 100 turns',
    '',
    row(['write budget', 'calls', 'prompt tokens', 'completion tokens (scripted)', 'calls in total', 'design (user turns × a + sessions × b)', 'jobs failed']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...[fixed, paper].map((b) => row([b.budget, b.per100Turns.calls, b.per100Turns.promptTokens, b.per100Turns.completionTokens, b.total.calls, b.expectedCalls, b.jobsFailed])),
    row(['**ratio fixed / paper**', report.ratio.calls, report.ratio.promptTokens, report.ratio.completionTokens, '', '', '']),
    '',
    '## Calls by purpose (whole run)',
    '',
    row(['purpose', 'fixed calls', 'fixed prompt tokens', 'paper calls', 'paper prompt tokens']),
    row(['---', '---:', '---:', '---:', '---:']),
    ...purposes.map((p) => row([p, fixed.byPurpose[p]?.calls ?? 0, fixed.byPurpose[p]?.inputTokens ?? 0, paper.byPurpose[p]?.calls ?? 0, paper.byPurpose[p]?.inputTokens ?? 0])),
    '',
    '## Non-model overhead per turn (store + enrich + index; no model, no jobs)',
    '',
    row(['index', 'turns', 'median ms', 'p95 ms', 'p99 ms', 'first turn ms (cold)', 'session close median ms']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...report.overhead.map((o) => row([o.index, o.perTurnMs.count, o.perTurnMs.p50, o.perTurnMs.p95, o.perTurnMs.p99, Math.round(o.firstTurnMs), o.perSessionCloseMs.p50])),
    '',
    `Update phase wall time per turn with a model that answers at once (queue, prompts, parsing, writes): fixed ${fixed.ingestMsPerTurn.toFixed(1)} ms, paper ${paper.ingestMsPerTurn.toFixed(1)} ms.`,
    '',
  ];
  return lines.join('\n');
}
