// Every error code the library throws, in one union. The status map (errors/describe-error.ts) and the CLI's
// exit codes (cli/main.ts) are Record<ErrorCode, …>, so a new code fails typecheck until both say what it means.
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'payload_too_large',
  'invalid_image',
  'config_invalid',
  'unauthorized',
  'model_not_configured',
  'dependency_missing',
  'model_call_failed',
  'model_output_invalid',
  'model_output_truncated',
  'embedding_mismatch',
  'store_failed',
  'budget_exceeded',
  'backpressure',
  'job_lease_lost',
  'job_kind_unknown',
  'worker_stopped',
  'scenario_failed',
  'scenario_not_recorded',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
