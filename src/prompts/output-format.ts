// A prompt's output schema as the endpoint receives it (ChatRequest.output → response_format): the JSON Schema of
// the same zod schema its parser checks first (prompts/parse/parse-model-output.ts), computed once per prompt.
import { z } from 'zod';
import type { ChatOutputFormat } from '../model/ports.ts';
import type { PromptRef } from './parse/index.ts';

const formats = new WeakMap<z.ZodType, ChatOutputFormat>();

/** The format to send with a call of `prompt`; undefined for prompts whose output is not JSON. */
export function outputFormatOf(prompt: PromptRef): ChatOutputFormat | undefined {
  if (!prompt.output) return undefined;
  let format = formats.get(prompt.output);
  if (!format) {
    const { $schema: _draft, ...schema } = z.toJSONSchema(prompt.output, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
    format = { name: prompt.id.replace(/[^A-Za-z0-9_-]/g, '_'), schema };
    formats.set(prompt.output, format);
  }
  return format;
}

/** "remember.turn@3": how a prompt is named in headers, logs and recorded fixtures. */
export function promptLabel(prompt: PromptRef): string {
  return `${prompt.id}@${prompt.version}`;
}
