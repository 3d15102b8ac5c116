// A real LanguageModelV4 that answers from a script, records the full prompt of every call, and throws on a
// call nobody scripted. Tests assert what the model RECEIVED, not only what came out.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';

export interface ScriptedText {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
  finishReason?: 'stop' | 'length';
}

export interface RecordedModelCall {
  index: number;
  method: 'generate' | 'stream';
  prompt: LanguageModelV4Prompt;
  options: LanguageModelV4CallOptions;
  /** Every text of the prompt, "role: text" per part, joined by newlines: easy to match in asserts. */
  promptText: string;
  /** Images (file parts) the prompt carried, in order. */
  images: Array<{ mediaType: string; bytes: Uint8Array }>;
}

/** A reply: text, a function of the call (its prompt), or an error the call throws. */
export type ScriptedReply = string | ScriptedText | { error: unknown } | ((call: RecordedModelCall) => string | ScriptedText | Promise<string | ScriptedText>);

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** The prompt as text ("role: text" per part) and its images, as a call records them. */
export function describePrompt(prompt: LanguageModelV4Prompt): Pick<RecordedModelCall, 'promptText' | 'images'> {
  const lines: string[] = [];
  const images: RecordedModelCall['images'] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') {
      lines.push(`${message.role}: ${message.content}`);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') lines.push(`${message.role}: ${part.text}`);
      else if (part.type === 'file' && part.data.type === 'data') {
        const bytes = typeof part.data.data === 'string' ? new Uint8Array(Buffer.from(part.data.data, 'base64')) : part.data.data;
        images.push({ mediaType: part.mediaType, bytes });
        lines.push(`${message.role}: [${part.mediaType}]`);
      }
    }
  }
  return { promptText: lines.join('\n'), images };
}

export class ScriptedChatModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'scripted';
  readonly modelId: string;
  readonly supportedUrls = {};
  readonly calls: RecordedModelCall[] = [];
  readonly #replies: ScriptedReply[];

  constructor(replies: ScriptedReply[] = [], options: { modelId?: string } = {}) {
    this.#replies = [...replies];
    this.modelId = options.modelId ?? 'scripted-model';
  }

  /** Appends replies to the script. */
  push(...replies: ScriptedReply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  get remaining(): number {
    return this.#replies.length;
  }

  /** Throws when scripted replies were never asked for: a test expecting N calls saw fewer. */
  assertAllUsed(): void {
    if (this.#replies.length > 0) throw new Error(`ScriptedChatModel: ${this.#replies.length} scripted replies were never used (after ${this.calls.length} calls).`);
  }

  async #answer(method: RecordedModelCall['method'], options: LanguageModelV4CallOptions): Promise<{ text: string; usage: LanguageModelV4Usage; finish: 'stop' | 'length' }> {
    const call: RecordedModelCall = { index: this.calls.length, method, prompt: options.prompt, options, ...describePrompt(options.prompt) };
    this.calls.push(call);
    const reply = this.#replies.shift();
    if (reply === undefined) {
      throw new Error(`ScriptedChatModel: call #${call.index + 1} (${method}) was not scripted. Its prompt ends with: ${call.promptText.slice(-300)}`);
    }
    if (typeof reply === 'object' && 'error' in reply) throw reply.error;
    const resolved = typeof reply === 'function' ? await reply(call) : reply;
    const scripted = typeof resolved === 'string' ? { text: resolved } : resolved;
    const input = scripted.usage?.inputTokens ?? words(call.promptText);
    const output = scripted.usage?.outputTokens ?? words(scripted.text);
    return {
      text: scripted.text,
      finish: scripted.finishReason ?? 'stop',
      usage: {
        inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: output, text: output, reasoning: undefined },
      },
    };
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { text, usage, finish } = await this.#answer('generate', options);
    return generatedText(text, usage, finish);
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { text, usage, finish } = await this.#answer('stream', options);
    return streamedText(text, usage, finish);
  }
}

/** A whole reply as a LanguageModelV4 generate result (for doubles that answer from a script or a recording). */
export function generatedText(text: string, usage: LanguageModelV4Usage, finish: 'stop' | 'length' = 'stop'): LanguageModelV4GenerateResult {
  return { content: [{ type: 'text', text }], finishReason: { unified: finish, raw: finish }, usage, warnings: [] };
}

/** A whole reply as a LanguageModelV4 stream: one delta per word (with its trailing space), so consumers see chunks. */
export function streamedText(text: string, usage: LanguageModelV4Usage, finish: 'stop' | 'length' = 'stop'): LanguageModelV4StreamResult {
  const deltas = text.match(/\S+\s*|\s+/g) ?? [];
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't0' },
    ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't0', delta })),
    { type: 'text-end', id: 't0' },
    { type: 'finish', usage, finishReason: { unified: finish, raw: finish } },
  ];
  return {
    stream: new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
  };
}
