// The first N turns of a history, sessions kept whole up to the cut (the last one may be cut short).
import type { History } from '../../memory/history.ts';

export function firstTurns(history: History, count: number): History {
  const sessions: History['sessions'] = [];
  let left = count;
  for (const session of history.sessions) {
    if (left <= 0) break;
    const turns = session.turns.slice(0, left);
    sessions.push({ key: session.key, turns });
    left -= turns.length;
  }
  return { source: history.source, sessions };
}

export function countTurns(history: History): { turns: number; userTurns: number; sessions: number } {
  const turns = history.sessions.flatMap((session) => session.turns);
  return { turns: turns.length, userTurns: turns.filter((turn) => turn.role === 'user').length, sessions: history.sessions.length };
}
