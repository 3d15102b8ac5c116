// The one composition root: configuration in, the object graph out. CLI, server and benchmarks call this;
// no domain module builds an adapter itself. Building does no I/O: `open()` opens the store, models load lazily.
import { defaults } from './config/defaults.ts';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import { agentConfig, type Agent, type AgentConfig } from './agent/agent-types.ts';
import { createAgent } from './agent/agent.ts';
import { createChat, type ChatInput, type ChatOutcome, type ChatRun, type ChatService } from './agent/chat.ts';
import type { PersonaConfig } from './config/schema.ts';
import { configSchema, defaultBlobDir, fusionOptions, isInMemoryStore, type ConfigInput } from './config/index.ts';
import { enrichText } from './enrichment/index.ts';
import { EventBus } from './memory/events.ts';
import type { History } from './memory/history.ts';
import { createModelAccounting } from './model/accounting.ts';
import { aiSdkTextEmbedder } from './model/ai-sdk-text-embedder.ts';
import { createChatClient } from './model/chat-client.ts';
import { chatClientFromConfig, EMBEDDER_HOW_TO_CONFIGURE, textEmbedderFromConfig } from './model/from-config.ts';
import type { ChatClient, ImageEmbedder, ModelAccounting, TextEmbedder } from './model/ports.ts';
import { transformersImageEmbedder } from './model/transformers-image-embedder.ts';
import { closeSession, createUpdateWorker, ingestHistory, recordConversation, recordTurn, rememberConfig, type ConversationInput, type RecordedConversation, type IngestOptions, type IngestSummary, type RecordedTurn, type RememberDeps, type RememberVision, type UpdateWorker, type UpdateWorkerOptions } from './remember/index.ts';
import { createEmbeddingModelGuard } from './remember/check-embedding-models.ts';
import { reembedUser, type ReembedOptions, type ReembedReport } from './remember/reembed.ts';
import { ModelNotConfiguredError } from './errors/index.ts';
import { createRetriever, type Retriever, type RetrieverOptions } from './retrieval/index.ts';
import type { RecallQuery, RecallResult } from './retrieval/types.ts';
import { imagesApi, jobsApi, memoriesApi, personalityApi, personsApi, profileApi, sessionsApi, turnsApi, usersApi, type ImagesApi, type JobsApi, type MemoriesApi, type PersonalityApi, type PersonsApi, type ProfileApi, type SessionsApi, type TurnsApi, type UsersApi } from './facade/index.ts';
import { createStore } from './store/index.ts';
import type { MemoryStore, StoreCapabilities } from './store/memory-store.ts';
import { analyzeImage, createLayoutImageEmbedder, createVisionAnalyzers, cropRegion, prepareImage, type VisionAnalyzers } from './vision/index.ts';
import type { TurnInput } from './memory/inputs.ts';

export interface PersonaOptions {
  /** Validated configuration (from loadConfig) or a config-file-shaped object; defaults fill the rest. */
  config?: PersonaConfig | ConfigInput;
  /** Any AI SDK language model; overrides config.model. null: explicitly no chat model. */
  model?: LanguageModelV4 | ChatClient | null;
  /** A TextEmbedder, or any AI SDK embedding model (wrapped by aiSdkTextEmbedder); overrides config.embedder. */
  embedder?: TextEmbedder | EmbeddingModelV4 | null;
  imageEmbedder?: ImageEmbedder | null;
  store?: MemoryStore;
  /** false: no offline image analyzers (images are still decoded and stored). */
  vision?: boolean;
  accounting?: ModelAccounting;
  /** Share an event bus with the caller (CLI progress, server SSE); default a new one. */
  events?: EventBus;
  agent?: Partial<AgentConfig>;
  retrieval?: Partial<RetrieverOptions>;
  worker?: UpdateWorkerOptions;
}

/** What a program does with personavlm: one object per deployment, every method scoped by a user id. */
export interface Persona {
  readonly config: PersonaConfig;
  readonly events: EventBus;
  readonly accounting: ModelAccounting;
  /** The configured chat model, or null (commands that need one throw ModelNotConfiguredError). */
  readonly chatModel: ChatClient | null;
  /** The update phase's background worker: start() it in a long-running process (drain() runs it to the end). */
  readonly worker: UpdateWorker;
  /** Opens the store (runs migrations). Idempotent. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** One turn end to end: store the user's turn, answer with memory, store the answer, queue the update phase. */
  chat(input: ChatInput): Promise<ChatOutcome>;
  /** The same turn as events as they happen (answer deltas included); `result` settles when it is done. */
  stream(input: ChatInput): ChatRun;
  /** Throws ModelNotConfiguredError (saying what to set) when no chat model is configured. */
  assertChatModel(): void;
  /** Memory for a question, without a model: ranked items within a token budget, with time and provenance. */
  recall(query: RecallQuery): Promise<RecallResult>;
  /**
   * Stores one turn (text and images) and queues its update job; no model call before it resolves. An unreadable
   * image drops only itself: `rejectedImages` lists it.
   */
  recordTurn(input: TurnInput): Promise<RecordedTurn>;
  /**
   * Stores a conversation as a chat client resends it (the whole history each time): messages already stored
   * (same content at the same position) are found, not stored again. `key` continues it (the reply).
   */
  recordConversation(input: ConversationInput): Promise<RecordedConversation>;
  closeSession(userId: string, at?: Date): Promise<void>;
  ingest(userId: string, history: History, options?: IngestOptions): Promise<IngestSummary>;
  /** Embeds the user's memories and turns with the configured embedder (after a model change); needs one. */
  reembed(userId: string, options?: ReembedOptions): Promise<ReembedReport>;
  /** Runs queued update jobs until none is left for the user (or anyone). */
  drain(userId?: string): Promise<void>;
  readonly memories: MemoriesApi;
  readonly turns: TurnsApi;
  readonly sessions: SessionsApi;
  readonly images: ImagesApi;
  readonly users: UsersApi;
  readonly personality: PersonalityApi;
  /** Core profile, personality and habits; the memory context for a question as one block (proxy, MCP). */
  readonly profile: ProfileApi;
  readonly persons: PersonsApi;
  readonly jobs: JobsApi;
  /** The storage engine and what it supports (pgvector, schema version), for health checks and `doctor`. */
  capabilities(): Promise<StoreCapabilities>;
}

/** The object graph behind a Persona, for this project's own tests and benchmarks; not part of the public API. */
export interface PersonaInternals {
  store: MemoryStore;
  rememberDeps: RememberDeps;
  retriever: Retriever;
  agent: Agent;
  chatService: ChatService;
}

const internals = new WeakMap<Persona, PersonaInternals>();

/** The store, remember deps, retriever and agent of a persona built by createPersona (tests, benchmarks). */
export function internalsOf(persona: Persona): PersonaInternals {
  const found = internals.get(persona);
  if (!found) throw new TypeError('internalsOf() takes a persona made by createPersona()');
  return found;
}

const isEmbeddingModel = (embedder: TextEmbedder | EmbeddingModelV4): embedder is EmbeddingModelV4 => typeof (embedder as EmbeddingModelV4).doEmbed === 'function';

const isChatClient = (model: LanguageModelV4 | ChatClient): model is ChatClient => typeof (model as ChatClient).generate === 'function';

function visionFor(config: PersonaConfig, analyzers: VisionAnalyzers | null): RememberVision {
  const limits = { maxBytes: config.vision.maxImageBytes, maxPixels: config.vision.maxPixels };
  const on = new Set<string>(config.vision.analyzers);
  return {
    prepare: async (bytes) => {
      const image = await prepareImage(bytes, limits);
      return { bytes: image.bytes, mime: image.mime, width: image.width, height: image.height };
    },
    analyze: async (image) => {
      if (!analyzers) {
        return { ocrText: '', objects: [], faces: [], colors: [], caption: null, analyzers: { ocr: 'unavailable', objects: 'unavailable', faces: 'unavailable' }, analyzerNotes: { all: 'vision analyzers disabled' } };
      }
      return analyzeImage(image.bytes, { analyzers, enable: { ocr: on.has('ocr'), objects: on.has('objects'), faces: on.has('faces') } });
    },
    crop: (bytes, box) => cropRegion(bytes, box),
  };
}

function imageEmbedderFor(config: PersonaConfig): ImageEmbedder {
  if (config.imageEmbedder.provider === 'transformers') {
    return transformersImageEmbedder({ modelDir: config.imageEmbedder.modelDir, allowRemoteModels: config.imageEmbedder.allowRemoteModels });
  }
  // Offline colour-layout vectors: near-duplicates and the same object again, no semantics (CLIP adds those).
  return createLayoutImageEmbedder();
}

function storeFor(config: PersonaConfig): MemoryStore {
  // The store enforces the same image size the vision intake accepts, so raising one raises both.
  const limits = { maxImageBytes: config.vision.maxImageBytes, maxTextChars: config.store.maxTextChars };
  // ":memory:": an embedded database and image blobs that live as long as the process (unless blobDir is set).
  const sharedBuffersMiB = config.store.pgliteBufferMiB;
  if (isInMemoryStore(config.store)) return createStore({ engine: 'pglite', limits, sharedBuffersMiB, ...(config.store.blobDir ? { blobDir: config.store.blobDir } : {}) });
  const blobDir = config.store.blobDir ?? defaultBlobDir(config.store, process.cwd());
  return config.store.engine === 'postgres'
    ? createStore({ engine: 'postgres', url: config.store.url ?? '', blobDir, limits })
    : createStore({ engine: 'pglite', dataDir: config.store.dataDir, blobDir, limits, sharedBuffersMiB });
}

export function createPersona(options: PersonaOptions = {}): Persona {
  const config: PersonaConfig = configSchema.parse(options.config ?? {});
  const accounting = options.accounting ?? createModelAccounting();
  const events = options.events ?? new EventBus();
  const store = options.store ?? storeFor(config);

  // auto structured output steps down when a server refuses a format: say so, once per client.
  const onFormatDowngrade = (from: string, to: string, reason: string): void =>
    events.warn('response_format_downgraded', `The model server refused response_format ${from}; using ${to} from now on (set model.responseFormat to skip the probe). ${reason}`, { from, to });
  let chatModel: ChatClient | null;
  if (options.model === null) chatModel = null;
  else if (options.model) {
    chatModel = isChatClient(options.model)
      ? options.model
      : createChatClient(options.model, {
          accounting,
          responseFormat: config.model?.responseFormat ?? defaults.model.responseFormat,
          onFormatDowngrade,
          // A model given in code takes the configured call settings too, when the configuration names them.
          ...(config.model ? { timeoutMs: config.model.timeoutMs, maxRetries: config.model.maxRetries } : {}),
        });
  } else chatModel = chatClientFromConfig(config.model, accounting, { onFormatDowngrade }) ?? null;

  let embedder: TextEmbedder | null;
  if (options.embedder === undefined) embedder = textEmbedderFromConfig(config.embedder, accounting) ?? null;
  else if (options.embedder && isEmbeddingModel(options.embedder)) embedder = aiSdkTextEmbedder(options.embedder, { accounting });
  else embedder = options.embedder;
  const imageEmbedder = options.imageEmbedder === undefined ? imageEmbedderFor(config) : options.imageEmbedder;
  const analyzers = options.vision === false ? null : createVisionAnalyzers();

  const { timeZone } = config.memory;
  const retriever = createRetriever({ store, embedder, imageEmbedder, events, options: { timeZone, ...fusionOptions(config.embedder), ...options.retrieval } });
  const rememberDeps: RememberDeps = {
    store,
    // The update phase ranks the user's memories with recall's own ranking (and shares its per-user views).
    memorySearch: retriever,
    chat: chatModel,
    events,
    // One zone per deployment: "yesterday" in a turn is the day before on the users' clock (memory.timeZone).
    enrich: (text, at) => enrichText(text, at, { timeZone }),
    vision: visionFor(config, analyzers),
    embedder,
    imageEmbedder,
    accounting,
    config: rememberConfig({ sessionGapMinutes: config.memory.sessionGapMinutes, writeBudget: config.memory.writeBudget, timeZone, maxTextChars: config.store.maxTextChars, maxPendingJobsPerUser: config.memory.maxPendingJobsPerUser }),
  };
  // Never mix embedding models silently: before recall, a user whose vectors come from another model than the
  // configured embedder gets a warning naming the re-embed command, or a refusal (config.embedder.onModelChange).
  const embeddingModels = createEmbeddingModelGuard({ store, embedder, events, onModelChange: config.embedder.onModelChange });
  const recall = async (query: RecallQuery): Promise<RecallResult> => {
    await embeddingModels.check(query.userId);
    return retriever.recall(query);
  };
  const agent = createAgent({
    chat: chatModel,
    store,
    recall,
    events,
    config: agentConfig({
      maxRounds: config.memory.maxRounds,
      recentWindowMinutes: config.memory.recentWindowMinutes,
      budgetTokens: config.memory.budgetTokens,
      timeZone,
      ...options.agent,
    }),
  });
  const worker = createUpdateWorker(rememberDeps, options.worker);
  const recordUserTurn = (input: TurnInput): Promise<RecordedTurn> => recordTurn(rememberDeps, input);
  const chat = createChat({ agent, store, events, recordTurn: recordUserTurn });

  let opened: Promise<void> | null = null;
  const persona: Persona = {
    config,
    events,
    accounting,
    chatModel,
    worker,
    chat: (input) => chat.chat(input),
    stream: (input) => chat.stream(input),
    assertChatModel: () => chat.assertConfigured(),
    memories: memoriesApi(rememberDeps),
    turns: turnsApi(store),
    sessions: sessionsApi(store),
    images: imagesApi(store),
    users: usersApi(store),
    personality: personalityApi(store),
    profile: profileApi(store, recall, timeZone),
    persons: personsApi(store),
    jobs: jobsApi(store),
    capabilities: () => store.capabilities(),
    open: () =>
      (opened ??= (async () => {
        // PGlite makes its own directory but not the parents (./.personavlm/data on a first run).
        if (!options.store && config.store.engine === 'pglite' && !isInMemoryStore(config.store)) await mkdir(dirname(resolve(config.store.dataDir)), { recursive: true });
        await store.open();
      })()),
    recall,
    recordTurn: recordUserTurn,
    recordConversation: (input) => recordConversation(rememberDeps, input),
    closeSession: async (userId, at) => {
      await closeSession(rememberDeps, userId, at);
    },
    ingest: (userId, history, ingestOptions) => ingestHistory(rememberDeps, userId, history, ingestOptions),
    reembed: async (userId, reembedOptions) => {
      if (!embedder) throw new ModelNotConfiguredError('Re-embedding', EMBEDDER_HOW_TO_CONFIGURE);
      const report = await reembedUser({ store, embedder, events }, userId, reembedOptions);
      embeddingModels.forget(userId); // the next recall checks the new state instead of a cached warning
      return report;
    },
    drain: (userId) => worker.drain(userId),
    close: async () => {
      await worker.stop();
      await analyzers?.close();
      await store.close();
    },
  };
  internals.set(persona, { store, rememberDeps, retriever, agent, chatService: chat });
  return persona;
}
