// The options `bench locomo --mode qa` adds, apart from the runner so `bench locomo --help` stays light.
import { configFlagOptions } from '../../config/settings.ts';

export const QA_MODE_OPTIONS = {
  ...configFlagOptions(),
  out: { type: 'string' },
  'agent-mode': { type: 'string' },
  'judge-model': { type: 'string' },
  categories: { type: 'string' },
  limit: { type: 'string' },
} as const;
