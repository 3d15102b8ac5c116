// The availability contract every optional analyzer answers (doctor prints it; analyzeImage obeys it).

export interface AnalyzerStatus {
  ok: boolean;
  /** Why it cannot run, when ok is false. */
  reason?: string;
  /** What a person can do about it. */
  fix?: string;
}

export const AVAILABLE: AnalyzerStatus = { ok: true };

export function unavailable(reason: string, fix: string): AnalyzerStatus {
  return { ok: false, reason, fix };
}
