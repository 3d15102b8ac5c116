// MCP over streamable HTTP on `serve`'s app, with the SDK's own client: every tool, bad arguments, and two
// tenants whose keys name the same user without seeing each other's memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createPersona } from '../persona.ts';
import { createServer } from '../server/create-server.ts';
import { ACME, GLOBEX, KEYS, send, tinyPng } from '../server/test-support.ts';
import { assertSeesNothingOf, call, exerciseBadArguments, exerciseEveryTool, ok } from './test-support/tool-cases.ts';

const persona = createPersona({ config: { store: { dataDir: ':memory:' } }, model: null, embedder: null, vision: false });
const logs: string[] = [];
const app = createServer({ persona, auth: { keys: { ...KEYS } }, log: (line) => logs.push(line) });
const clients: Client[] = [];

async function connect(key: string, user: string): Promise<Client> {
  const client = new Client({ name: 'personavlm-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`http://personavlm.test/v1/users/${user}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: async (url, init) => app.request(String(url), init),
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

before(() => persona.open());
after(async () => {
  for (const client of clients) await client.close();
  await persona.close();
});

test('every tool, resource and prompt over HTTP; bad arguments are MCP errors that say what to do', async () => {
  const ana = await connect(ACME, 'ana');
  const png = Buffer.from(await tinyPng()).toString('base64');
  const exercised = await exerciseEveryTool(ana, { data: `data:image/png;base64,${png}` });
  const [stored] = await persona.turns.get('acme:ana', [exercised.turnId]);
  assert.equal(stored?.images.length, 1, 'stored under the tenant\'s user');
  await exerciseBadArguments(ana);
  const byPath = await call(ana, 'remember', { text: 'Look', images: [{ path: '/etc/hostname' }] });
  assert.ok(byPath.isError);
  assert.match(byPath.text, /does not read files .* send the image as base64/, 'a remote client cannot make the server read its files');
  assert.deepEqual(logs, []);
});

test('a tenant\'s key reaches its own users only: the same user name under another key sees nothing, and changes nothing', async () => {
  const ana = await connect(ACME, 'ana2');
  const png = Buffer.from(await tinyPng('#888888')).toString('base64');
  const first = await exerciseEveryTool(ana, { data: png, caption: 'a grey cat on a sofa' });
  const intruder = await connect(GLOBEX, 'ana2');
  await assertSeesNothingOf(intruder, first);
  const neighbour = await connect(ACME, 'bob');
  await assertSeesNothingOf(neighbour, first);
  const notFound = await call(intruder, 'memory_get', { id: first.factId });
  assert.doesNotMatch(notFound.text, /acme:|globex:/, 'errors name users as the caller does');
  assert.equal((await ok(ana, 'memory_get', { id: first.factId })).data.memory.content, 'Ana is allergic to peanuts and cashews.', 'the owner\'s memory is intact');
  assert.equal((await ok(ana, 'memory_get', { id: first.factId })).data.memory.userId, 'ana2', 'results name the user as the caller does');
});

test('the endpoint needs a key, takes POST only, and validates the user in the path', async () => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '0' } } };
  const headers = { accept: 'application/json, text/event-stream' };
  assert.equal((await send(app, 'POST', '/v1/users/ana/mcp', { json: initialize, headers })).status, 401);
  assert.equal((await send(app, 'POST', '/v1/users/ana/mcp', { key: 'not-a-key', json: initialize, headers })).status, 401);
  assert.equal((await send(app, 'GET', '/v1/users/ana/mcp', { key: ACME, headers })).status, 405);
  assert.equal((await send(app, 'POST', '/v1/users/acme:ana/mcp', { key: GLOBEX, json: initialize, headers })).status, 400);
  const answered = await send(app, 'POST', '/v1/users/ana/mcp', { key: ACME, json: initialize, headers });
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.body.result.serverInfo.name, 'personavlm');
});
