// Counts every model attempt by purpose. An attempt that failed and was retried is a call too: it reached the
// endpoint and may have cost time or money, so budgets and benchmark reports must see it.
import type { CallStats, ChatUsage, ModelAccounting } from './ports.ts';

const empty = (): CallStats => ({ calls: 0, inputTokens: 0, outputTokens: 0, latencyMs: 0, failures: 0 });

function add(stats: CallStats, usage: ChatUsage, latencyMs: number, failed: boolean): void {
  stats.calls += 1;
  stats.inputTokens += usage.inputTokens;
  stats.outputTokens += usage.outputTokens;
  stats.latencyMs += latencyMs;
  if (failed) stats.failures += 1;
}

export function createModelAccounting(): ModelAccounting {
  let total = empty();
  let byPurpose = new Map<string, CallStats>();
  return {
    record(purpose, usage, latencyMs, failed) {
      add(total, usage, latencyMs, failed);
      let stats = byPurpose.get(purpose);
      if (!stats) byPurpose.set(purpose, (stats = empty()));
      add(stats, usage, latencyMs, failed);
    },
    snapshot() {
      return {
        total: { ...total },
        byPurpose: Object.fromEntries([...byPurpose].map(([purpose, stats]) => [purpose, { ...stats }])),
      };
    },
    reset() {
      total = empty();
      byPurpose = new Map();
    },
  };
}
