// A conversation as chat clients send it: the whole history on every request. Each message is stored once:
// its id is a hash of its content and of everything before it (content and position), so a resent history
// finds its turns and only what is new is stored. A conversation that opens with the same words as an earlier
// one is told apart by time: the same opening within the session gap is that conversation again (a retry, a
// regenerated answer), a later one starts a new conversation (the opening's next generation).
import { createHash } from 'node:crypto';
import type { ImageInput } from '../memory/inputs.ts';
import type { Role, Turn } from '../memory/types.ts';
import type { RememberDeps } from './deps.ts';
import { recordTurn, type RecordedTurn } from './record-turn.ts';

export interface ConversationMessage {
  role: Role;
  text: string;
  images?: ImageInput[];
  /** Images the message names but does not carry (remote URLs): part of its identity, not stored. */
  imageRefs?: string[];
  metadata?: Record<string, unknown>;
}

export interface ConversationInput {
  userId: string;
  messages: ConversationMessage[];
  /** When new turns are stored, and what decides whether a repeated opening is a new conversation. */
  at: Date;
  /** The `key` of an earlier call: these messages continue it (a reply to record after the history). */
  after?: string;
  signal?: AbortSignal;
}

export interface RecordedConversation {
  /** One per message with text or images, in order: the stored turn, new or found. */
  turns: Turn[];
  /** How many of them this call stored. */
  added: number;
  /** The position after the last message: pass it as `after` to record what comes next. */
  key: string;
  rejectedImages: RecordedTurn['rejectedImages'];
}

/** The most generations of one opening looked at; a user who opened this many conversations alike starts over. */
const MAX_GENERATIONS = 1000;

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function link(previous: string, message: ConversationMessage): string {
  const images = [...(message.images ?? []).map((image) => (image.bytes ? sha256(image.bytes) : `caption:${image.caption ?? ''}`)), ...(message.imageRefs ?? [])];
  return sha256(JSON.stringify([previous, message.role, message.text, images]));
}

const externalIdOf = (key: string): string => `conversation:${key}`;

async function stored(deps: RememberDeps, userId: string, key: string): Promise<Turn | null> {
  return deps.store.turns.byExternalId(userId, externalIdOf(key));
}

/** Where the chain starts: the generation of the opening this history belongs to. */
async function openingKey(deps: RememberDeps, input: ConversationInput, messages: ConversationMessage[]): Promise<string> {
  const [first, second] = messages as [ConversationMessage, ...ConversationMessage[]];
  const generations: Array<{ key: string; turn: Turn }> = [];
  for (let generation = 1; generation <= MAX_GENERATIONS; generation += 1) {
    const key = link(`opening/${generation}`, first);
    const turn = await stored(deps, input.userId, key);
    if (!turn) break;
    generations.push({ key, turn });
  }
  const latest = generations.at(-1);
  const fresh = link(`opening/${generations.length + 1}`, first);
  if (!latest) return fresh;
  if (second === undefined) {
    const gapMs = deps.config.sessionGapMinutes * 60_000;
    return input.at.getTime() - latest.turn.at.getTime() <= gapMs ? latest.key : fresh;
  }
  // The newest generation whose second message is stored is the conversation this history continues.
  for (const generation of generations.toReversed()) {
    if (await stored(deps, input.userId, link(generation.key, second))) return generation.key;
  }
  return latest.key;
}

export async function recordConversation(deps: RememberDeps, input: ConversationInput): Promise<RecordedConversation> {
  const messages = input.messages.filter((message) => message.text.trim() !== '' || (message.images?.length ?? 0) > 0 || (message.imageRefs?.length ?? 0) > 0);
  const turns: Turn[] = [];
  const rejectedImages: RecordedTurn['rejectedImages'] = [];
  let added = 0;
  if (messages.length === 0) return { turns, added, key: input.after ?? '', rejectedImages };
  let previous = input.after;
  for (const [index, message] of messages.entries()) {
    const key = index === 0 && previous === undefined ? await openingKey(deps, input, messages) : link(previous!, message);
    previous = key;
    const found = await stored(deps, input.userId, key);
    if (found) {
      turns.push(found);
      continue;
    }
    const recorded = await recordTurn(deps, {
      userId: input.userId,
      role: message.role,
      text: message.text,
      images: message.images ?? [],
      at: input.at,
      externalId: externalIdOf(key),
      ...(message.metadata ? { metadata: message.metadata } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });
    turns.push(recorded.turn);
    rejectedImages.push(...recorded.rejectedImages);
    added += 1;
  }
  return { turns, added, key: previous!, rejectedImages };
}
