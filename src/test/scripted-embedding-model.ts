// A real EmbeddingModelV4 that answers from a script, records every call (values, dimensions, signal), and throws
// on a call nobody scripted. Tests assert what the model RECEIVED (how the texts were batched), not only vectors.
import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';

export interface RecordedEmbedCall {
  index: number;
  values: string[];
  dimensions: number | undefined;
  abortSignal: AbortSignal | undefined;
}

/** A reply: vectors (usage counted as one token per value), a function of the call, or an error to throw. */
export type ScriptedEmbedReply =
  | number[][]
  | { embeddings: number[][]; tokens?: number }
  | { error: unknown }
  | ((call: RecordedEmbedCall) => number[][] | Promise<number[][]>);

export class ScriptedEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'scripted';
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number | undefined;
  readonly supportsParallelCalls = false;
  readonly calls: RecordedEmbedCall[] = [];
  readonly #replies: ScriptedEmbedReply[];

  constructor(replies: ScriptedEmbedReply[] = [], options: { modelId?: string; maxEmbeddingsPerCall?: number } = {}) {
    this.#replies = [...replies];
    this.modelId = options.modelId ?? 'scripted-embedder';
    this.maxEmbeddingsPerCall = options.maxEmbeddingsPerCall;
  }

  push(...replies: ScriptedEmbedReply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  get remaining(): number {
    return this.#replies.length;
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const call: RecordedEmbedCall = { index: this.calls.length, values: [...options.values], dimensions: options.dimensions, abortSignal: options.abortSignal };
    this.calls.push(call);
    const reply = this.#replies.shift();
    if (reply === undefined) {
      throw new Error(`ScriptedEmbeddingModel: unscripted call ${call.index} with ${call.values.length} values (first: ${JSON.stringify(call.values[0])}).`);
    }
    if (typeof reply === 'function') return { embeddings: await reply(call), usage: { tokens: call.values.length }, warnings: [] };
    if (Array.isArray(reply)) return { embeddings: reply, usage: { tokens: call.values.length }, warnings: [] };
    if ('error' in reply) throw reply.error;
    return { embeddings: reply.embeddings, usage: { tokens: reply.tokens ?? call.values.length }, warnings: [] };
  }
}
