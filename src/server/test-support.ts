// Shared by the server tests: one PGlite store per test file, a scripted model, and small request helpers.
import sharp from 'sharp';
import { createPersona, type Persona } from '../persona.ts';
import { ScriptedChatModel } from '../test/scripted-chat-model.ts';
import { createServer } from './create-server.ts';

export const KEYS = { 'key-of-acme-0123456789': 'acme', 'key-of-globex-987654321': 'globex' } as const;
export const ACME = 'key-of-acme-0123456789';
export const GLOBEX = 'key-of-globex-987654321';

export interface Fixture {
  model: ScriptedChatModel;
  persona: Persona;
  app: ReturnType<typeof createServer>;
  logs: string[];
}

export function fixture(): Fixture {
  const model = new ScriptedChatModel();
  const persona = createPersona({ config: { store: { dataDir: ':memory:' } }, model, vision: false, embedder: null });
  const logs: string[] = [];
  const app = createServer({ persona, auth: { keys: { ...KEYS } }, now: () => new Date('2026-03-01T09:00:00Z'), log: (line) => logs.push(line) });
  return { model, persona, app, logs };
}

export interface Sent {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read JSON shapes freely
  text: string;
  headers: Headers;
}

export async function send(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, method: string, path: string, options: { key?: string; json?: unknown; body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text);
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** Server-sent events as { event, data } records (data joined over its lines). */
export function parseSse(text: string): Array<{ event: string | null; data: string }> {
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? null;
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, '')).join('\n');
      return { event, data };
    });
}

export async function tinyPng(color = '#cc2222'): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 16, height: 12, channels: 3, background: color } }).png().toBuffer());
}

export const turnJobReply = (content: string, keywords: string[]): string =>
  JSON.stringify({
    personality: { openness: 4, conscientiousness: 3, extraversion: 2, agreeableness: 3, neuroticism: 4 },
    memories: [{ reason: 'The user states a lasting fact.', decision: 'store', category: 'fact', key: 'home_city', content, keywords }],
  });
