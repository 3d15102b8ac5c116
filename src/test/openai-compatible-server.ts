// A real HTTP server on 127.0.0.1 that speaks the OpenAI-compatible protocol from a script. Adapters are
// tested against it over a socket, so the bytes they send and parse are the real ones. Every request is
// recorded; a request nobody scripted is answered 599 and recorded in `unscripted`, which tests assert empty.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedHttpResponse =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  /** Each entry is one SSE `data:` payload (objects are JSON-encoded); `[DONE]` is appended. */
  | { sse: Array<string | object>; done?: boolean }
  /** Never answers: for timeouts. */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface OpenAiCompatibleServer {
  /** Ends in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  unscripted: RecordedRequest[];
  /** Adds responses for "METHOD /path" (path without /v1), served in order. */
  script(route: string, ...responses: ScriptedHttpResponse[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function respond(response: ServerResponse, scripted: ScriptedHttpResponse): void {
  if ('hang' in scripted) return;
  if ('sse' in scripted) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of scripted.sse) response.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`);
    if (scripted.done !== false) response.write('data: [DONE]\n\n');
    response.end();
    return;
  }
  response.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers });
  response.end(JSON.stringify(scripted.json));
}

export async function startOpenAiCompatibleServer(): Promise<OpenAiCompatibleServer> {
  const scripts = new Map<string, ScriptedHttpResponse[]>();
  const requests: RecordedRequest[] = [];
  const unscripted: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const path = (request.url ?? '/').replace(/^\/v1/, '');
      const recorded = { method: request.method ?? 'GET', path, headers: request.headers, body };
      requests.push(recorded);
      const next = scripts.get(`${recorded.method} ${path}`)?.shift();
      if (!next) {
        unscripted.push(recorded);
        response.writeHead(599, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `unscripted request ${recorded.method} ${path}` } }));
        return;
      }
      respond(response, next);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    unscripted,
    script(route, ...responses) {
      scripts.set(route, [...(scripts.get(route) ?? []), ...responses]);
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A non-streamed chat completion body. */
export const chatCompletion = (text: string, usage = { prompt_tokens: 10, completion_tokens: 5 }): object => ({
  id: 'chatcmpl-test',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'test-model',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
});

/** SSE payloads of a streamed completion: one chunk per delta, then a finish chunk with usage. */
export function chatChunks(deltas: string[], usage = { prompt_tokens: 10, completion_tokens: deltas.length }): object[] {
  const chunk = (delta: object, finish: string | null, extra: object = {}) => ({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...deltas.map((content) => chunk({ content }, null)),
    chunk({}, 'stop', { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
  ];
}

export const embeddingsResponse = (vectors: number[][], promptTokens = 3): object => ({
  object: 'list',
  data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
  model: 'test-embedder',
  usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
});

export const errorResponse = (status: number, message: string): ScriptedHttpResponse => ({
  status,
  json: { error: { message, type: 'test_error', code: status } },
});
