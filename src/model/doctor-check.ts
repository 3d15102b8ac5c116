// One line of `personavlm doctor`: what was checked, how it went, and the exact fix when it did not.
export type CheckStatus = 'ok' | 'warn' | 'missing' | 'error' | 'skipped';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
  /** The command cannot work without it (the database): a failure makes doctor exit non-zero. */
  essential?: boolean;
}
