// Small builders shared by the conformance cases, so each case reads as what it checks.
import type { MemoryStore } from '../store/memory-store.ts';
import type { NewMemory, Session, Turn } from '../memory/types.ts';

export const day = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

export async function sessionWithTurns(store: MemoryStore, userId: string, texts: string[], start = day('2024-03-01')): Promise<{ session: Session; turns: Turn[] }> {
  const session = await store.sessions.create(userId, start);
  const turns: Turn[] = [];
  for (const [index, text] of texts.entries()) {
    turns.push(await store.turns.append(userId, {
      sessionId: session.id,
      role: index % 2 === 0 ? 'user' : 'assistant',
      text,
      at: new Date(start.getTime() + index * 60_000),
    }));
  }
  return { session, turns };
}

export function semantic(content: string, extra: Partial<NewMemory> = {}): NewMemory {
  return { type: 'semantic', content, ...extra };
}

/** Row counts of every user table for one user, straight from SQL: "nothing was lost" checks compare these. */
export async function rowCounts(store: { executor(): { query(text: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]> } }, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['users', 'sessions', 'turns', 'images', 'memories', 'embeddings', 'personality', 'jobs']) {
    const rows = await store.executor().query(`select count(*)::int as n from ${table} where user_id = $1`, [userId]);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

export function unitVector(dimensions: number, hot: number, noise = 0): number[] {
  return Array.from({ length: dimensions }, (_, index) => (index === hot ? 1 : noise));
}
