// Writes the semantic memories of one turn: each draft is consolidated against the user's live semantic
// memories (add / supersede / no-op, see memory/supersession.ts), inside the job's transaction.
import { decideConsolidation, type ExistingMemory } from '../memory/supersession.ts';
import { statesOldFact, withOutdatedNote } from '../memory/outdated.ts';
import type { ImageRegion, Memory, NewMemory, Period, Turn } from '../memory/types.ts';
import { NotFoundError, PersonaError } from '../errors/index.ts';
import type { SemanticDraft } from '../prompts/remember-semantic.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { RememberDeps } from './deps.ts';
import type { JobOutcome } from './job-context.ts';
import { REMEMBER_TUNING } from './tuning.ts';

const IMAGE_OBJECT = /^\[(.+?)\]\s*\(Image Object:\s*(.+?)\)/i;

/**
 * What the job worked out for each draft before its transaction: the stored crop of its region, its event period,
 * the committed memories it may restate or replace.
 */
export interface DraftPlacement {
  crops?: ReadonlyMap<SemanticDraft, string>;
  /** memory-period.ts: the period each memory is about (absent or null: a lasting fact, no event time). */
  eventTimes?: ReadonlyMap<SemanticDraft, Period | null>;
  /** relatedToDrafts(): ids of the live semantic memories that share the draft's words, best first. */
  related?: ReadonlyMap<SemanticDraft, readonly string[]>;
}

/**
 * Each draft's supersession candidates by the ranking recall uses (deps.memorySearch), found before the job's
 * transaction: the search reads committed memories through the retrieval view, which a transaction in progress on
 * the embedded engine's one connection would block. The transaction re-reads them and adds what it wrote itself.
 */
export async function relatedToDrafts(deps: Pick<RememberDeps, 'memorySearch'>, userId: string, drafts: readonly SemanticDraft[]): Promise<Map<SemanticDraft, string[]>> {
  const related = new Map<SemanticDraft, string[]>();
  for (const draft of drafts) {
    const found = await deps.memorySearch.related(userId, { text: [draft.content, ...draft.keywords].join(' '), types: ['semantic'], limit: REMEMBER_TUNING.supersessionCandidates });
    related.set(draft, found.map((memory) => memory.id));
  }
  return related;
}

function newMemory(turn: Turn, draft: SemanticDraft, jobKey: string, placement: DraftPlacement): NewMemory {
  const cropSha256 = placement.crops?.get(draft);
  const detail: Record<string, unknown> = { reason: draft.reason, decision: 'store', category: draft.category, job: jobKey };
  const object = IMAGE_OBJECT.exec(draft.content);
  if (object) Object.assign(detail, { objectName: object[1], objectCategory: object[2] });
  const sha256 = draft.image ? turn.images[draft.image.index] : undefined;
  const regions: ImageRegion[] = sha256 && draft.image?.box ? [{ imageSha256: sha256, box: draft.image.box, label: object?.[1] ?? null }] : [];
  if (sha256) detail.imageSha256 = sha256;
  // The region's own stored crop (image-vectors.ts): a query photo of the object finds this memory.
  if (cropSha256) detail.cropSha256 = cropSha256;
  return {
    type: 'semantic',
    key: draft.key,
    content: draft.content,
    keywords: draft.keywords,
    detail,
    sourceTurnIds: [turn.id],
    sourceRegions: regions,
    // Said at the turn's time; about the period of its own words only (never the turn's other dates).
    eventTime: placement.eventTimes?.get(draft) ?? null,
    validFrom: turn.at,
  };
}

/** Marks the episodes written before `current` that still state `previous`; returns their ids. */
async function markOutdated(store: MemoryStore, userId: string, previous: Memory, current: Memory): Promise<string[]> {
  const note = { previousId: previous.id, currentId: current.id, previous: previous.content, current: current.content, at: current.validFrom.toISOString() };
  const marked: string[] = [];
  for (const memory of await store.memories.list(userId, { types: ['episodic'] })) {
    if (!statesOldFact(memory, previous, current)) continue;
    await store.memories.annotate(userId, memory.id, { outdatedBy: withOutdatedNote(memory, note) });
    marked.push(memory.id);
  }
  return marked;
}

/**
 * Supersedes `targetId`, or, when something replaced it meanwhile (a user's edit, an update of another process),
 * the newest version of it: a correction lands on the current fact instead of failing its job for good.
 */
async function supersedeHead(store: MemoryStore, userId: string, targetId: string, replacement: NewMemory, turnId: string): Promise<{ next: Memory; replaced: Memory }> {
  let target = targetId;
  for (let hop = 0; ; hop += 1) {
    const replaced = await store.memories.get(userId, target);
    if (!replaced) throw new NotFoundError('memory', target);
    try {
      return { next: await store.memories.supersede(userId, target, replacement, turnId), replaced };
    } catch (error) {
      const newer = PersonaError.isInstance(error) && error.details.status === 'superseded' ? error.details.supersededBy : undefined;
      if (typeof newer !== 'string' || hop >= REMEMBER_TUNING.maxHeadHops) throw error;
      target = newer;
    }
  }
}

/**
 * The live memories a draft is weighed against, read in the transaction: those the ranking found before it, the ones
 * this job wrote so far (an earlier draft of the same turn), and any with the draft's key.
 */
async function candidates(store: MemoryStore, userId: string, draft: SemanticDraft, related: readonly string[], written: readonly string[]): Promise<Memory[]> {
  const found = await store.memories.getMany(userId, [...related, ...written]);
  const sameKey = draft.key ? await store.memories.list(userId, { types: ['semantic'], key: draft.key }) : [];
  const byId = new Map([...found, ...sameKey].filter((m) => m.status === 'active' && m.type === 'semantic').map((m) => [m.id, m]));
  return [...byId.values()];
}

export async function applySemanticDrafts(store: MemoryStore, turn: Turn, drafts: SemanticDraft[], jobKey: string, outcome: JobOutcome, placement: DraftPlacement = {}): Promise<void> {
  for (const draft of drafts) {
    const existing = await candidates(store, turn.userId, draft, placement.related?.get(draft) ?? [], outcome.written);
    const decision = decideConsolidation(draft, existing.map((m): ExistingMemory => ({ id: m.id, content: m.content, key: m.key })));
    const base = { userId: turn.userId, turnId: turn.id, content: draft.content, reason: decision.reason };
    if (decision.action === 'noop') {
      outcome.events.push({ type: 'memory_unchanged', ...base, memoryId: decision.targetId });
    } else if (decision.action === 'supersede') {
      const { next, replaced } = await supersedeHead(store, turn.userId, decision.targetId, newMemory(turn, draft, jobKey, placement), turn.id);
      outcome.written.push(next.id);
      outcome.superseded.push(replaced.id);
      outcome.events.push({ type: 'memory_superseded', ...base, memoryId: next.id, previousId: replaced.id });
      const previous = replaced;
      for (const id of await markOutdated(store, turn.userId, previous, next)) {
        outcome.events.push({ type: 'memory_outdated', userId: turn.userId, turnId: turn.id, memoryId: id, previousId: previous.id, currentId: next.id });
      }
    } else {
      const added = await store.memories.add(turn.userId, newMemory(turn, draft, jobKey, placement));
      outcome.written.push(added.id);
      outcome.events.push({ type: 'memory_added', ...base, memoryId: added.id, memoryType: 'semantic' });
    }
  }
}
