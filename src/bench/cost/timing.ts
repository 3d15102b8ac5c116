// Timing summaries shared by the cost and latency benchmarks (milliseconds, nearest-rank percentiles).
import { percentile } from '../locomo/aggregate.ts';

export interface Timing {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function timing(samples: readonly number[]): Timing {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 };
  return {
    count: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
    max: round(Math.max(...samples)),
  };
}

/** Runs fn and returns how long it took, in ms. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
