// recordTurn: the first step of every turn. The turn and its images are stored in one transaction before any
// model call, enriched without a model right away (so the current session is searchable at once), and the
// model-based update is queued as a durable job.
import { InvalidInputError } from '../errors/index.ts';
import type { Turn, TurnEnrichment } from '../memory/types.ts';
import { awaitCapacity } from './backpressure.ts';
import type { RememberDeps } from './deps.ts';
import { enqueueTurnJob, turnJobKey } from './jobs.ts';
import { sessionForTurn } from './session-boundary.ts';
import { warnOnce } from './state.ts';
import { analyseImages } from './analyse-images.ts';
import { prepareTurnImages, withImageText, type PreparedTurnImages, type RejectedImage } from './turn-images.ts';
import { turnEmbeddingText } from './turn-embedding-text.ts';
import type { TurnInput } from '../memory/inputs.ts';

export function validateTurnInput(input: TurnInput): void {
  if (typeof input.userId !== 'string' || input.userId.trim() === '') throw new InvalidInputError('userId must be a non-empty string.');
  if (input.role !== 'user' && input.role !== 'assistant') throw new InvalidInputError(`role must be "user" or "assistant", got "${String(input.role)}".`);
  if (typeof input.text !== 'string') throw new InvalidInputError('text must be a string (it may be empty when images are attached).');
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new InvalidInputError('at must be a valid Date.');
}

/** A stored turn, and the attached images that could not be read (their text and the good images were kept). */
export interface RecordedTurn {
  turn: Turn;
  /** Empty when every image was read; each entry also went out as an `image_rejected` warning. */
  rejectedImages: RejectedImage[];
}

/**
 * Stores one turn. A turn with an externalId the user already has is not stored again: the stored one is
 * returned (a client's retry after a lost response). An attached image that cannot be decoded does not fail the
 * turn: the text and the good images are stored, and the result lists what was dropped (partial success is a value).
 */
export async function recordTurn(deps: RememberDeps, input: TurnInput): Promise<RecordedTurn> {
  validateTurnInput(input);
  const { userId, role, at } = input;
  await awaitCapacity(deps, userId, input.signal);
  const images = await prepareTurnImages(deps, input.images ?? []);
  const { enrichment, metadata } = turnAnnotations(deps, input, images);
  const modelRuns = deps.chat !== null && role === 'user';
  const analysing = images.prepared.length > 0 && (deps.vision != null || deps.imageEmbedder != null);

  const turn = await deps.store.transaction(async (store) => {
    // A retry of a turn whose response was lost: the stored turn is the answer, nothing is stored twice. The user
    // row must exist to be the lock; otherwise the first session creates it.
    if (input.externalId) {
      await store.users.ensure(userId);
      const existing = await store.turns.byExternalId(userId, input.externalId);
      if (existing) return { ...existing, replayed: true as const };
    }
    const session = await sessionForTurn(deps, store, userId, at);
    const stored = [];
    for (const image of images.prepared) stored.push(await store.images.put(userId, image.bytes, { mime: image.mime, width: image.width, height: image.height }));
    const appended = await store.turns.append(userId, {
      sessionId: session.id,
      role,
      speaker: input.speaker ?? null,
      text: input.text,
      at,
      images: stored.map((s) => s.sha256),
      externalId: input.externalId ?? null,
      metadata,
      enrichment,
    });
    if (modelRuns) await enqueueTurnJob(deps, store, userId, appended.id, analysing);
    return appended;
  });
  if ('replayed' in turn) {
    const { replayed: _replayed, ...stored } = turn;
    deps.events.emit({ type: 'turn_replayed', userId, turnId: stored.id, sessionId: stored.sessionId, role: stored.role });
    return { turn: stored, rejectedImages: [] };
  }

  if (role === 'user') warnIfNoModel(deps);
  let analysed: Turn;
  try {
    analysed = await analyseImages(deps, turn, images.prepared);
  } finally {
    if (modelRuns && analysing) await deps.store.jobs.runNow(userId, turnJobKey(turn.id));
  }
  await embedTurn(deps, analysed);
  deps.events.emit({ type: 'turn_recorded', userId, turnId: turn.id, sessionId: turn.sessionId, role });
  if (images.rejected.length > 0) {
    const list = images.rejected.map((r) => `#${r.index + 1}${r.path ? ` (${r.path})` : ''}: ${r.reason}`).join('; ');
    deps.events.warn('image_rejected', `The turn text was stored as ${turn.id}, but ${images.rejected.length} image(s) could not be read: ${list}. Send a JPEG, PNG, WebP or GIF file.`, { userId, turnId: turn.id, rejected: images.rejected });
  }
  return { turn: analysed, rejectedImages: images.rejected };
}

/** Says once that user turns are stored without the memory a model would write from them. */
export function warnIfNoModel(deps: RememberDeps): void {
  if (deps.chat) return;
  warnOnce(deps, 'memory_model_missing', 'No chat model is configured: turns are stored and enriched (dates, keywords, image text), but semantic, episodic, procedural, core and personality memory need a model. Configure one with --model or PERSONAVLM_MODEL.');
}

/** What a turn is stored with besides its words: the enrichment (dates, keywords, image text, photo notes), metadata. */
export function turnAnnotations(deps: RememberDeps, input: Pick<TurnInput, 'text' | 'at' | 'metadata'>, images: PreparedTurnImages): { enrichment: TurnEnrichment; metadata: Record<string, unknown> } {
  const enrichment = { ...withImageText(deps.enrich(input.text, input.at), images.captions), ...(images.notes.length > 0 ? { photos: images.notes } : {}) };
  const metadata: Record<string, unknown> = { ...input.metadata };
  if (images.captions.length > 0) metadata.imageCaptions = images.captions;
  if (images.rejected.length > 0) metadata.rejectedImages = images.rejected;
  return { enrichment, metadata };
}

async function embedTurn(deps: RememberDeps, turn: Turn): Promise<void> {
  await embedTurns(deps, [turn]);
}

/** Embeds the turns in one call to the embedder; a failure is a warning (lexical and time search still find them). */
export async function embedTurns(deps: RememberDeps, turns: readonly Turn[]): Promise<void> {
  const embedder = deps.embedder;
  if (!embedder) return;
  const texts = turns.map((turn) => ({ turn, text: turnEmbeddingText(turn) })).filter((entry) => entry.text !== '');
  if (texts.length === 0) return;
  try {
    const vectors = await embedder.embed(texts.map((entry) => entry.text));
    for (const [index, { turn }] of texts.entries()) {
      const vector = vectors[index];
      if (vector) await deps.store.turns.setEmbedding(turn.userId, turn.id, { model: embedder.modelId, vector });
    }
  } catch (error) {
    const ids = texts.map((entry) => entry.turn.id);
    deps.events.warn('turn_embedding_failed', `Embedding turn${ids.length > 1 ? 's' : ''} ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''} failed: ${String(error)}`, { turnIds: ids });
  }
}
