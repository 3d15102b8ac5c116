// Every default of the project, in one place. The zod schema applies them to configuration; adapters that can
// be built without a configuration (createChatClient in a script or a test) read the same constants.
export const defaults = {
  model: {
    provider: 'openai-compatible',
    // Ollama's OpenAI-compatible endpoint and a vision model of the paper's base family (Qwen2.5-VL-7B).
    baseUrl: 'http://localhost:11434/v1',
    modelId: 'qwen2.5vl:7b',
    apiKeyEnv: 'PERSONAVLM_API_KEY',
    timeoutMs: 120_000,
    maxRetries: 2,
    retryBaseMs: 500,
    // The paper decodes greedily with at most 1024 new tokens.
    temperature: 0,
    maxOutputTokens: 1024,
    // Structured output where the server takes it, stepping down by itself where it does not.
    responseFormat: 'auto',
  },
  embedder: {
    maxBatchSize: 64,
    timeoutMs: 60_000,
    // After an embedder change, recall warns (and names the re-embed command) rather than failing outright.
    onModelChange: 'warn',
  },
  store: {
    engine: 'pglite',
    dataDir: './.personavlm/data',
    /** store.dataDir for an embedded database that lives in memory only (tests, benchmarks, throwaway demos). */
    inMemory: ':memory:',
    /** Image blobs when blobDir is unset: beside a PGlite data directory ("<dataDir>-blobs"); this folder for PostgreSQL. */
    blobSuffix: '-blobs',
    postgresBlobDir: './.personavlm/blobs',
    // A long chat turn or a pasted document fits; a whole file pasted by mistake does not.
    maxTextChars: 100_000,
    // The embedded engine's buffer cache: initdb's 128 MB costs ~0.2 s of every start and ~120 MB of RSS, for pages
    // the OS page cache holds anyway (store/pglite-store.ts).
    pgliteBufferMiB: 16,
  },
  memory: {
    sessionGapMinutes: 60,
    recentWindowMinutes: 60,
    maxRounds: 6,
    writeBudget: 'fixed',
    budgetTokens: 4096,
    // Update jobs a user may have waiting before new turns wait (or are refused): backpressure on a slow model.
    maxPendingJobsPerUser: 200,
    // Imported histories (LoCoMo, Persona-MME) carry zone-less wall-clock times stored as UTC.
    timeZone: 'UTC',
  },
  vision: {
    // The offline analyzers of src/vision (captions come from the chat model, not from an analyzer).
    analyzers: ['colors', 'vector', 'ocr', 'objects', 'faces'],
    maxImageBytes: 20 * 1024 * 1024,
    maxPixels: 40_000_000,
  },
  server: {
    // Loopback by default: exposing the API is a decision a person makes with --host.
    host: '127.0.0.1',
    port: 8787,
    // A request body holds at most a few images (each capped by vision.maxImageBytes) as base64.
    maxBodyBytes: 64 * 1024 * 1024,
  },
} as const;
