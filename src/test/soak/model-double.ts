// The model of the soak test: a real OpenAI-compatible HTTP server on 127.0.0.1 that answers the per-turn update
// prompt from what it reads. The analysed turn carries a marker ("soak-<user>-<n>"); the reply stores one fact
// keyed by it, so the test can count every memory update per turn. It answers after a random delay, so kills land
// in the middle of jobs. Any other prompt is answered 500 and recorded in `unexpected`, which the test asserts empty.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const MARKER = /soak-[a-z0-9]+-\d+/;

export interface SoakModel {
  /** Ends in /v1. */
  baseUrl: string;
  /** Per-turn prompts answered, by marker (a job redone after a kill asks again). */
  answered: Map<string, number>;
  unexpected: string[];
  close(): Promise<void>;
}

/** The fact a turn's update stores: distinct words per marker, so no two facts consolidate into one. */
export function factFor(marker: string): { key: string; content: string } {
  const n = Number(marker.split('-').at(-1));
  const words = ['amber', 'basil', 'cedar', 'dune', 'ember', 'fjord', 'garnet', 'heron', 'indigo', 'juniper', 'kelp', 'lotus'];
  return { key: `soak.${marker.replaceAll('-', '_')}`, content: `User noted ${marker}: ${words[n % words.length]} ${words[(n * 7 + 3) % words.length]} ${n}.` };
}

async function body(request: IncomingMessage): Promise<{ messages?: Array<{ role: string; content: unknown }>; stream?: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages?: Array<{ role: string; content: unknown }> };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('\n');
  return '';
}

export async function startSoakModel(maxDelayMs = 120): Promise<SoakModel> {
  const answered = new Map<string, number>();
  const unexpected: string[] = [];
  const server: Server = createServer((request, response) => {
    void body(request).then(async (parsed) => {
      const prompt = String(request.headers['x-personavlm-prompt'] ?? '');
      const user = textOf(parsed.messages?.findLast((message) => message.role === 'user')?.content);
      const analysed = user.split('THE USER TURN TO ANALYSE:')[1] ?? '';
      const marker = MARKER.exec(analysed)?.[0];
      if (request.url !== '/v1/chat/completions' || !prompt.startsWith('remember.turn') || !marker) {
        unexpected.push(`${request.method} ${request.url} ${prompt}`);
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `the soak model answers only remember.turn, got ${prompt || request.url}` } }));
        return;
      }
      answered.set(marker, (answered.get(marker) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
      const trait = () => 1 + Math.floor(Math.random() * 5);
      const content = JSON.stringify({
        personality: { openness: trait(), conscientiousness: trait(), extraversion: trait(), agreeableness: trait(), neuroticism: trait() },
        memories: [{ reason: 'The user states it.', decision: 'store', category: 'fact', ...factFor(marker), keywords: [marker], when: null }],
      });
      const usage = { prompt_tokens: Math.ceil(user.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 };
      if (parsed.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id: 'soak', object: 'chat.completion.chunk', created: 0, model: 'soak', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        response.end(`${chunk({ role: 'assistant', content }, null)}${chunk({}, 'stop')}data: ${JSON.stringify({ id: 'soak', object: 'chat.completion.chunk', created: 0, model: 'soak', choices: [], usage })}\n\ndata: [DONE]\n\n`);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'soak', object: 'chat.completion', created: 0, model: 'soak', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage }));
    }).catch((error: unknown) => {
      unexpected.push(`unreadable request: ${String(error)}`);
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    answered,
    unexpected,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
