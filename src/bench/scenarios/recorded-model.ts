// Recorded real-model runs: every model call of a scenario is keyed by the prompt it answers (id@version, sent
// by the ChatClient as x-personavlm-prompt) and a sha256 of the rendered prompt (every message's text, and each
// image's bytes). Recording asks a real endpoint only for keys it has no reply for; replaying answers from the
// recording and refuses any prompt it does not know, so a changed prompt fails with "re-record scenario X"
// instead of passing on a stale reply.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4GenerateResult, LanguageModelV4StreamResult } from '@ai-sdk/provider';
import { z } from 'zod';
import { PersonaError } from '../../errors/index.ts';
import { describePrompt, generatedText, streamedText } from '../../test/scripted-chat-model.ts';

export interface RecordedCall {
  /** "remember.turn@3"; "unlabelled" for a call that named no prompt. */
  prompt: string;
  /** sha256 of the rendered prompt (promptKey). */
  hash: string;
  reply: string;
  /** The prompt as text, for a person reviewing the recording (images as [mime sha256]). */
  promptText: string;
}

export interface Recording {
  scenario: string;
  /** Who answered: e.g. "stand-in: a good 7B VLM played by an assistant that had not read the code". */
  model: string;
  recordedAt: string;
  calls: RecordedCall[];
}

const recordingSchema = z.object({
  scenario: z.string(),
  model: z.string(),
  recordedAt: z.string(),
  calls: z.array(z.object({ prompt: z.string(), hash: z.string(), reply: z.string(), promptText: z.string() })),
});

export class ScenarioReplayError extends PersonaError {
  constructor(message: string, details: Record<string, unknown>) {
    super('scenario_not_recorded', message, { details });
  }
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** The call's prompt label and the hash of what it renders: text parts as written, images by their bytes. */
export function promptKey(options: LanguageModelV4CallOptions): { prompt: string; hash: string; promptText: string } {
  const { promptText, images } = describePrompt(options.prompt);
  const imageHashes = images.map((image) => `${image.mediaType} ${sha256(image.bytes)}`);
  let index = 0;
  const readable = promptText.replace(/\[(image\/[a-z+.-]+)\]/g, () => `[${imageHashes[index++] ?? 'image'}]`);
  return { prompt: options.headers?.['x-personavlm-prompt'] ?? 'unlabelled', hash: sha256(readable), promptText: readable };
}

export async function readRecording(path: string): Promise<Recording | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return recordingSchema.parse(JSON.parse(text));
}

export async function writeRecording(path: string, recording: Recording): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(recording, null, 1)}\n`);
  await rename(temporary, path);
}

const usage = (text: string) => ({
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: Math.ceil(text.length / 4), text: Math.ceil(text.length / 4), reasoning: undefined },
});

/** Answers a call; what the caller did with it is kept in `used`, in call order. */
abstract class RecordedModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'recorded';
  readonly modelId: string;
  readonly supportedUrls = {};
  /** The calls of this run, in order: what a recording writes, and what a replay checks was all used. */
  readonly used: RecordedCall[] = [];
  protected readonly known = new Map<string, RecordedCall>();

  constructor(recording: Recording | null, modelId: string) {
    this.modelId = modelId;
    for (const call of recording?.calls ?? []) this.known.set(`${call.prompt} ${call.hash}`, call);
  }

  protected abstract reply(key: ReturnType<typeof promptKey>, options: LanguageModelV4CallOptions): Promise<string>;

  async #answer(options: LanguageModelV4CallOptions): Promise<string> {
    const key = promptKey(options);
    const text = await this.reply(key, options);
    this.used.push({ ...key, reply: text });
    return text;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const text = await this.#answer(options);
    return generatedText(text, usage(text));
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const text = await this.#answer(options);
    return streamedText(text, usage(text));
  }
}

/** Answers only from the recording; an unknown prompt is a ScenarioReplayError naming the re-record command. */
export class ReplayModel extends RecordedModel {
  readonly #scenario: string;

  constructor(recording: Recording) {
    super(recording, `replay:${recording.scenario}`);
    this.#scenario = recording.scenario;
  }

  /** Recorded calls this run never asked for: the run took another path than the recording. */
  unused(): RecordedCall[] {
    const asked = new Set(this.used.map((call) => `${call.prompt} ${call.hash}`));
    return [...this.known.entries()].filter(([key]) => !asked.has(key)).map(([, call]) => call);
  }

  protected async reply(key: ReturnType<typeof promptKey>): Promise<string> {
    const recorded = this.known.get(`${key.prompt} ${key.hash}`);
    if (recorded) return recorded.reply;
    throw new ScenarioReplayError(
      `Re-record scenario ${this.#scenario}: it has no recorded reply for ${key.prompt} (prompt sha256 ${key.hash.slice(0, 12)}), so a prompt or what it shows changed since it was recorded. ` +
        `Run \`node bin/personavlm.js bench scenarios --record ${this.#scenario}\` with PERSONAVLM_MODEL and PERSONAVLM_MODEL_BASE_URL set to a model endpoint (see src/bench/scenarios/README.md); unchanged prompts keep their replies.`,
      { scenario: this.#scenario, prompt: key.prompt, hash: key.hash, promptEnd: key.promptText.slice(-400) },
    );
  }
}

/** Reuses the recording's reply for a known prompt and asks `live` (a real endpoint) for every other one. */
export class RecordingModel extends RecordedModel {
  readonly #live: LanguageModelV4;
  /** Calls answered by the live model in this run. */
  asked = 0;

  constructor(recording: Recording | null, live: LanguageModelV4) {
    super(recording, live.modelId);
    this.#live = live;
  }

  protected async reply(key: ReturnType<typeof promptKey>, options: LanguageModelV4CallOptions): Promise<string> {
    const recorded = this.known.get(`${key.prompt} ${key.hash}`);
    if (recorded) return recorded.reply;
    this.asked += 1;
    // Streams are asked as one completion: the recording keeps the whole reply either way.
    const result = await this.#live.doGenerate(options);
    return result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  }
}
