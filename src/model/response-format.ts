// Structured output: the JSON schema of what a prompt's parser reads goes to the endpoint as the request's
// response_format, so a server that constrains decoding (OpenAI, vLLM, Ollama, llama.cpp server all take a JSON
// schema) produces parseable output by construction. The tolerant parser stays for servers that ignore it.
// Modes: json_schema (the schema itself), json_object (any JSON object), off (plain text, as before), and auto:
// json_schema, stepping down to json_object and then off when the server rejects the format, once per client.
import { APICallError } from '@ai-sdk/provider';
import type { OutputInterface } from 'ai';
import type { ChatOutputFormat } from './ports.ts';

import type { ResponseFormatMode } from '../config/response-formats.ts';

export type { ResponseFormatMode };
export type SentFormat = Exclude<ResponseFormatMode, 'auto'>;

/** The next mode to try after the server rejected `mode` (null: nothing left to step down to). */
export function weakerFormat(mode: SentFormat): SentFormat | null {
  return mode === 'json_schema' ? 'json_object' : mode === 'json_object' ? 'off' : null;
}

/**
 * The AI SDK Output that asks for `format` and hands the text back unparsed: our parser (prompts/parse) reads it,
 * reporting and repairing, so a server that ignores the format still works.
 */
export function jsonTextOutput(format: ChatOutputFormat, mode: 'json_schema' | 'json_object'): OutputInterface<string, string, never> {
  return {
    name: 'text',
    responseFormat: Promise.resolve(mode === 'json_schema' ? { type: 'json', schema: format.schema as never, name: format.name } : { type: 'json' }),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  };
}

const ABOUT_FORMAT = /response_format|json_schema|json_object|structured|grammar|guided|schema/i;

/** A 4xx whose message is about the response format: the server does not support it (not our prompt's fault). */
export function rejectsFormat(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  if (!APICallError.isInstance(cause)) return false;
  const status = cause.statusCode ?? 0;
  return status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429 && ABOUT_FORMAT.test(`${cause.message} ${cause.responseBody ?? ''}`);
}
