// Session boundaries (PERSONAVLM.md § Sessions): a turn more than `gapMinutes` after the previous one opens a
// new session. Pure: the remember phase applies the verdict to the store.

export interface SessionBoundaryInput {
  /** Time of the last stored turn of the open session; null when there is no open session. */
  lastTurnAt: Date | null;
  at: Date;
  gapMinutes: number;
}

/** True when the turn at `at` must start a new session. A turn dated before the last one stays in the session. */
export function startsNewSession({ lastTurnAt, at, gapMinutes }: SessionBoundaryInput): boolean {
  if (lastTurnAt === null) return true;
  return at.getTime() - lastTurnAt.getTime() > gapMinutes * 60_000;
}
