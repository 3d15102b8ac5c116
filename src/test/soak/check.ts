// What the soak test proves at the end: every turn the writers sent is stored exactly once, every update job is
// done, and each user turn's update (one fact, one personality point) was applied exactly once — no loss after a
// kill, no duplicate from a job redone by another process.
import { MEMORY_STATUSES } from '../../memory/types.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { factFor } from './model-double.ts';

export interface SoakFindings {
  turns: number;
  memories: number;
  personalityPoints: number;
  problems: string[];
}

export async function checkSoak(store: MemoryStore, expected: ReadonlyMap<string, readonly string[]>): Promise<SoakFindings> {
  const problems: string[] = [];
  const findings = { turns: 0, memories: 0, personalityPoints: 0 };
  for (const [userId, markers] of expected) {
    const turns = await store.turns.list(userId, { limit: 10_000 });
    const memories = await store.memories.list(userId, { status: [...MEMORY_STATUSES], limit: 10_000 });
    const points = (await store.personality.history(userId)).filter((point) => point.turnId !== null);
    const jobs = await store.jobs.list(userId);
    findings.turns += turns.length;
    findings.memories += memories.length;
    findings.personalityPoints += points.length;
    const notDone = jobs.filter((job) => job.status !== 'done');
    if (notDone.length > 0) problems.push(`${userId}: ${notDone.length} job(s) not done: ${notDone.slice(0, 3).map((job) => `${job.status} ${job.lastError ?? ''}`).join('; ')}`);
    const wanted = new Set(markers);
    for (const turn of turns) if (!wanted.has(turn.externalId ?? '')) problems.push(`${userId}: a turn nobody sent (${turn.externalId ?? 'no id'})`);
    for (const marker of markers) {
      const stored = turns.filter((turn) => turn.externalId === marker);
      if (stored.length !== 1) {
        problems.push(`${userId}: turn ${marker} stored ${stored.length} times`);
        continue;
      }
      const turn = stored[0]!;
      const facts = memories.filter((memory) => memory.sourceTurnIds.includes(turn.id));
      if (facts.length !== 1 || facts[0]!.key !== factFor(marker).key) problems.push(`${userId}: turn ${marker} has ${facts.length} memories (${facts.map((memory) => memory.key).join(', ')}), want one`);
      const scored = points.filter((point) => point.turnId === turn.id).length;
      if (scored !== 1) problems.push(`${userId}: turn ${marker} moved the personality ${scored} times, want once`);
    }
    const interactions = points.map((point) => point.interactions).sort((a, b) => a - b);
    if (interactions.some((n, index) => n !== interactions[0]! + index)) problems.push(`${userId}: personality interaction counts have a gap or a repeat (${interactions.join(',')})`);
  }
  return { ...findings, problems };
}
