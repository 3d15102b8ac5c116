// The options `bench locomo --mode qa` adds, apart from the runner so `bench locomo --help` stays light.
import { MODEL_BENCH_OPTIONS } from './bench-support.ts';
import { configFlagOptions } from '../../config/settings.ts';

export const QA_MODE_OPTIONS = {
  ...configFlagOptions(),
  ...MODEL_BENCH_OPTIONS,
  'judge-model': { type: 'string' },
  categories: { type: 'string' },
  limit: { type: 'string' },
} as const;
