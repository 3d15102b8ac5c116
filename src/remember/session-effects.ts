// Writes of a closed session: episodic topics (new), procedural set (rewritten by key), core profile (identity
// fields overwritten, preferences replaced). Unchanged entries stay as they are; changed ones supersede.
import { normalizeSentence } from '../memory/supersession-text.ts';
import type { Memory, NewMemory, Session, Turn } from '../memory/types.ts';
import type { CoreDraft } from '../prompts/remember-core.ts';
import type { EpisodeDraft } from '../prompts/remember-episodic.ts';
import type { ProceduralDraft } from '../prompts/remember-procedural.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { JobOutcome } from './job-context.ts';

export interface SessionWriteContext {
  store: MemoryStore;
  session: Session;
  turns: Turn[];
  jobKey: string;
  outcome: JobOutcome;
}

const provenance = (ctx: SessionWriteContext) => ({
  sourceTurnIds: ctx.turns.filter((t) => t.role === 'user').map((t) => t.id),
  validFrom: ctx.session.lastTurnAt,
});

/** Adds, keeps or supersedes the live memory of `type` with this key. */
async function upsertKeyed(ctx: SessionWriteContext, live: Memory | undefined, memory: NewMemory): Promise<void> {
  const { store, session, outcome } = ctx;
  const base = { userId: session.userId, sessionId: session.id, memoryType: memory.type, key: memory.key };
  if (live && normalizeSentence(live.content) === normalizeSentence(memory.content)) return;
  if (live) {
    const lastTurn = ctx.turns.at(-1)?.id ?? null;
    const next = await store.memories.supersede(session.userId, live.id, memory, lastTurn);
    outcome.written.push(next.id);
    outcome.superseded.push(live.id);
    outcome.events.push({ type: 'memory_superseded', ...base, memoryId: next.id, previousId: live.id });
  } else {
    const added = await store.memories.add(session.userId, memory);
    outcome.written.push(added.id);
    outcome.events.push({ type: 'memory_added', ...base, memoryId: added.id });
  }
}

export async function writeEpisodes(ctx: SessionWriteContext, episodes: EpisodeDraft[]): Promise<void> {
  const first = ctx.turns[0]!.at;
  const last = ctx.turns.at(-1)!.at;
  for (const episode of episodes) {
    const sources = episode.turnIndices.map((i) => ctx.turns[i]!.id);
    const added = await ctx.store.memories.add(ctx.session.userId, {
      type: 'episodic',
      content: episode.summary,
      keywords: episode.keywords,
      detail: { job: ctx.jobKey, sessionId: ctx.session.id, turnIndices: episode.turnIndices },
      sourceTurnIds: sources.length > 0 ? sources : ctx.turns.map((t) => t.id),
      eventTime: { from: first, to: new Date(last.getTime() + 1) },
      validFrom: ctx.session.lastTurnAt,
    });
    ctx.outcome.written.push(added.id);
    ctx.outcome.events.push({ type: 'memory_added', userId: ctx.session.userId, sessionId: ctx.session.id, memoryType: 'episodic', memoryId: added.id });
  }
}

/**
 * The new set replaces the old: same key → kept or superseded; keys no longer present are retired (kept as history
 * with their end and the session's last turn, like every other memory that stops being true).
 */
export async function writeProcedural(ctx: SessionWriteContext, drafts: ProceduralDraft[]): Promise<void> {
  const live = await ctx.store.memories.list(ctx.session.userId, { types: ['procedural'] });
  for (const draft of drafts) {
    await upsertKeyed(ctx, live.find((m) => m.key === draft.key), {
      type: 'procedural',
      key: draft.key,
      content: draft.content,
      keywords: draft.key.split(/[_.]+/).filter(Boolean),
      detail: { job: ctx.jobKey, sessionId: ctx.session.id },
      ...provenance(ctx),
    });
  }
  const kept = new Set(drafts.map((d) => d.key));
  const lastTurn = ctx.turns.at(-1)?.id ?? null;
  for (const memory of live.filter((m) => !kept.has(m.key ?? ''))) {
    // The paper drops completed or changed goals from the set; we end them and keep their history.
    await ctx.store.memories.retire(ctx.session.userId, memory.id, lastTurn, ctx.session.lastTurnAt);
    ctx.outcome.retired.push(memory.id);
    ctx.outcome.events.push({ type: 'memory_retired', userId: ctx.session.userId, sessionId: ctx.session.id, memoryType: 'procedural', memoryId: memory.id, key: memory.key, content: memory.content });
  }
}

const label = (field: string) => field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export async function writeCore(ctx: SessionWriteContext, core: CoreDraft): Promise<void> {
  const live = await ctx.store.memories.list(ctx.session.userId, { types: ['core'] });
  const entries: [string, string, Record<string, unknown>][] = Object.entries(core.identity).map(([field, value]) => [field, `${label(field)}: ${value}`, { value }]);
  if (core.preferences) entries.push(['preferences', `Preferences: ${core.preferences.join('; ')}`, { items: core.preferences }]);
  for (const [key, content, detail] of entries) {
    await upsertKeyed(ctx, live.find((m) => m.key === key), {
      type: 'core',
      key,
      content,
      keywords: [key],
      detail: { job: ctx.jobKey, sessionId: ctx.session.id, ...detail },
      ...provenance(ctx),
    });
  }
}
