// Ports for models. The chat model is the Vercel AI SDK's LanguageModelV4, so any AI SDK provider plugs in;
// ChatClient wraps it with the things every caller needs: greedy defaults, images, timeouts, retries, accounting.
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ResponseFormatMode } from './response-format.ts';

export type ChatModel = LanguageModelV4;

export interface ChatImage {
  bytes: Uint8Array;
  mime: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  images?: ChatImage[];
}

/** The JSON schema the reply must follow (a prompt's output, prompts/parse/output-format.ts). */
export interface ChatOutputFormat {
  /** Letters, digits, _ and - (OpenAI's rule for a schema name). */
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  /** What the call is for ("remember.turn", "remember.session", "agent.round"): the accounting key. */
  purpose: string;
  /** "remember.turn@3": sent as the x-personavlm-prompt header (logs, proxies, recorded replays). */
  prompt?: string;
  messages: ChatMessage[];
  /** Structured output, sent as response_format per the client's mode (model/response-format.ts). */
  output?: ChatOutputFormat;
  /** Default 1024 (the paper's limit). */
  maxOutputTokens?: number;
  /** Default 0: greedy, as the paper decodes. */
  temperature?: number;
  signal?: AbortSignal;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatResult {
  text: string;
  usage: ChatUsage;
  latencyMs: number;
  finishReason: string;
}

export interface ChatStream {
  /** Text deltas as they arrive. */
  textStream: AsyncIterable<string>;
  /** Resolves when the stream ends (after textStream is consumed). */
  result: Promise<ChatResult>;
}

export interface ChatClient {
  readonly modelId: string;
  /** The response format this client sends now (auto settles on one after the first rejection). */
  readonly responseFormat: () => ResponseFormatMode;
  generate(request: ChatRequest): Promise<ChatResult>;
  stream(request: ChatRequest): ChatStream;
}

export interface CallStats {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  failures: number;
}

/** Counts every model call by purpose; budgets and benchmarks read it. */
export interface ModelAccounting {
  record(purpose: string, usage: ChatUsage, latencyMs: number, failed: boolean): void;
  snapshot(): { total: CallStats; byPurpose: Record<string, CallStats> };
  reset(): void;
}

export interface TextEmbedder {
  /** Stored beside every vector; vectors of different models are never compared. */
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
}

export interface ImageEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  embedImages(images: ChatImage[], options?: { signal?: AbortSignal }): Promise<number[][]>;
}
