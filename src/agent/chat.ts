// One chat turn end to end: store the user's turn (before any model call: nothing the user sent is lost),
// respond, store the reply, and leave the update phase to the jobs recordTurn queued.
import type { EventBus, PersonaEvent } from '../memory/events.ts';
import type { Turn } from '../memory/types.ts';
import type { ChatImage, ChatUsage } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { Agent, AgentStep } from './agent-types.ts';
import { createEventChannel } from './event-channel.ts';
import { loadStoredImage } from './load-image.ts';
import type { ImageInput, TurnInput } from '../memory/inputs.ts';

/** The update phase's entry point, as chat uses it (remember's recordTurn, bound to its deps). */
export type RecordTurn = (input: Pick<TurnInput, 'userId' | 'role' | 'text' | 'images' | 'at' | 'signal'>) => Promise<{ turn: Turn; rejectedImages: readonly unknown[] }>;

export interface ChatDeps {
  agent: Agent;
  store: MemoryStore;
  events: EventBus;
  recordTurn: RecordTurn;
  /** The clock for turns sent without a time. */
  now?: () => Date;
}

export interface ChatInput {
  userId: string;
  text: string;
  images?: ImageInput[];
  /** When the user said it; default now. Benchmarks replay histories with their own times. */
  at?: Date;
  signal?: AbortSignal;
}

export interface ChatOutcome {
  answer: string;
  /** This user's events during the turn, in order (agent steps, deltas, warnings, turns recorded). */
  events: PersonaEvent[];
  turnIds: { user: string; assistant: string };
  /** Model calls the response phase made. */
  calls: number;
  steps: AgentStep[];
  usage: ChatUsage;
}

/** Iterate it for the events as they happen (answer deltas included); `result` settles when the turn is done. */
export interface ChatRun extends AsyncIterable<PersonaEvent> {
  readonly result: Promise<ChatOutcome>;
}

export interface ChatService {
  /** Throws ModelNotConfiguredError when no chat model is configured (a REPL checks before its first prompt). */
  assertConfigured(): void;
  chat(input: ChatInput): Promise<ChatOutcome>;
  stream(input: ChatInput): ChatRun;
}

const belongsTo = (event: PersonaEvent, userId: string): boolean => {
  const record = event as Record<string, unknown>;
  const details = record.details as Record<string, unknown> | undefined;
  return record.userId === userId || details?.userId === userId;
};

export function createChat(deps: ChatDeps): ChatService {
  const now = deps.now ?? (() => new Date());

  async function loadImages(userId: string, turn: Turn): Promise<ChatImage[]> {
    const images: ChatImage[] = [];
    for (const sha of turn.images) {
      const image = await loadStoredImage(deps.store, userId, sha, () =>
        deps.events.emit({ type: 'warning', code: 'turn_image_missing', message: `Image ${sha} of turn ${turn.id} is not in the store; the turn was answered without it.`, userId, details: { turnId: turn.id, sha256: sha } }),
      );
      if (image) images.push(image);
    }
    return images;
  }

  async function run(input: ChatInput, onEvent: (event: PersonaEvent) => void): Promise<ChatOutcome> {
    deps.agent.assertConfigured();
    const { userId, text, signal } = input;
    const at = input.at ?? now();
    const events: PersonaEvent[] = [];
    // Only events tagged with this user: a server runs many users' turns on one bus.
    const off = deps.events.on((event) => {
      if (!belongsTo(event, userId)) return;
      events.push(event);
      onEvent(event);
    });
    try {
      // An unreadable image drops only itself: the text and the readable images are answered, and the
      // image_rejected warning (this user's, so it is in `events`) says what was dropped.
      const { turn: userTurn } = await deps.recordTurn({ userId, role: 'user', text, at, ...(input.images ? { images: input.images } : {}), ...(signal ? { signal } : {}) });
      const images = await loadImages(userId, userTurn);
      const result = await deps.agent.respond({ userId, text, images, at, currentTurnId: userTurn.id, ...(signal ? { signal } : {}) });
      const replyAt = input.at ?? now();
      const { turn: assistantTurn } = await deps.recordTurn({ userId, role: 'assistant', text: result.answer, at: replyAt, ...(signal ? { signal } : {}) });
      deps.events.emit({ type: 'chat.completed', userId, turnIds: { user: userTurn.id, assistant: assistantTurn.id }, calls: result.calls });
      return {
        answer: result.answer,
        events,
        turnIds: { user: userTurn.id, assistant: assistantTurn.id },
        calls: result.calls,
        steps: result.steps,
        usage: result.usage,
      };
    } finally {
      off();
    }
  }

  return {
    assertConfigured: () => deps.agent.assertConfigured(),
    chat: (input) => run(input, () => {}),
    stream(input) {
      const channel = createEventChannel<PersonaEvent>();
      const result = run(input, (event) => channel.push(event)).then(
        (outcome) => {
          channel.close();
          return outcome;
        },
        (error: unknown) => {
          channel.fail(error);
          throw error;
        },
      );
      // The iterator reports the failure too; a caller that reads only one of them must not crash the process.
      result.catch(() => {});
      return { result, [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator]() };
    },
  };
}
