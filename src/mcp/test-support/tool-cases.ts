// One scenario every MCP transport runs (stdio and HTTP), through the SDK's own client: every tool, the
// resources and the prompt, and the bad arguments a client can send. Each transport's test adds what only it has.
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const TOOL_NAMES = ['memories_list', 'memory_edit', 'memory_forget', 'memory_get', 'profile', 'recall', 'remember'];

/** A tool call's result; `ok` fails the test on an error result, naming it. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult & { text: string; data: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read JSON shapes freely
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { ...result, text, data: result.structuredContent };
}

export async function ok(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = await call(client, name, args);
  assert.ok(!result.isError, `${name} failed: ${result.text}`);
  return result;
}

export interface Exercised {
  turnId: string;
  /** The allergy fact, edited. */
  factId: string;
}

/** image: how this transport sends a photo (base64 over HTTP, a file path over stdio). */
export async function exerciseEveryTool(client: Client, image: Record<string, string>): Promise<Exercised> {
  assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name).sort(), TOOL_NAMES);

  const turn = await ok(client, 'remember', { text: 'I adopted a grey cat called Miso.', at: '2026-03-01T09:00:00Z', images: [image] });
  assert.match(turn.text, /^Remembered turn .* 1 image\(s\)/);
  const turnId = turn.data.turn.id as string;
  await ok(client, 'remember', { kind: 'fact', memoryType: 'core', key: 'name', text: 'Name: Ana' });
  const fact = await ok(client, 'remember', { kind: 'fact', text: 'Ana is allergic to peanuts.', keywords: ['peanuts', 'allergy'], at: '2026-03-01T10:00:00Z' });
  const factId = fact.data.memory.id as string;
  assert.equal(fact.data.memory.type, 'semantic');
  const scratch = await ok(client, 'remember', { kind: 'fact', memoryType: 'procedural', key: 'swim', text: 'Swims on Tuesdays.' });

  const recalled = await ok(client, 'recall', { query: 'What is my cat called?', at: '2026-03-02T00:00:00Z' });
  assert.match(recalled.text, /called Miso/);
  const dialogue = recalled.data.items.find((item: { source: string }) => item.source === 'dialogue');
  assert.deepEqual(dialogue.sourceTurnIds, [turnId], 'provenance: the turn it came from');
  const semantic = await ok(client, 'recall', { query: 'peanuts', types: ['semantic'], from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' });
  assert.deepEqual(semantic.data.items.map((item: { source: string; id: string }) => [item.source, item.id]), [['semantic', factId]]);

  assert.equal((await ok(client, 'memories_list')).data.memories.length, 3);
  assert.deepEqual((await ok(client, 'memories_list', { types: ['core'] })).data.memories.map((m: { content: string }) => m.content), ['Name: Ana']);
  const edited = await ok(client, 'memory_edit', { id: factId, content: 'Ana is allergic to peanuts and cashews.' });
  assert.equal(edited.data.memory.content, 'Ana is allergic to peanuts and cashews.');
  const read = await ok(client, 'memory_get', { id: factId });
  assert.deepEqual(read.data.history.map((m: { content: string }) => m.content), ['Ana is allergic to peanuts.', 'Ana is allergic to peanuts and cashews.']);
  assert.equal((await ok(client, 'memories_list', { status: 'all' })).data.memories.length, 4, 'the old text stays as a superseded version');

  const profile = await ok(client, 'profile');
  assert.match(profile.text, /Profile:\n- Name: Ana/);
  assert.match(profile.text, /Habits and routines:\n- Swims on Tuesdays\./);
  assert.equal(profile.data.profile.personality, null);

  await ok(client, 'memory_forget', { id: scratch.data.memory.id });
  const gone = await call(client, 'memory_get', { id: scratch.data.memory.id });
  assert.ok(gone.isError);
  assert.match(gone.text, /^not_found: /);

  const resources = (await client.listResources()).resources.map((resource) => resource.uri);
  assert.ok(resources.includes('personavlm://profile') && resources.includes('personavlm://memories') && resources.includes(`personavlm://memories/${factId}`), resources.join(', '));
  assert.deepEqual((await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate), ['personavlm://memories/{id}']);
  const textOf = async (uri: string) => JSON.stringify((await client.readResource({ uri })).contents);
  assert.match(await textOf('personavlm://profile'), /Name: Ana/);
  assert.match(await textOf(`personavlm://memories/${factId}`), /peanuts and cashews/);
  assert.match(await textOf('personavlm://memories'), /Name: Ana/);

  const prompt = await client.getPrompt({ name: 'context_for_question', arguments: { question: 'What is my cat called?' } });
  const packed = prompt.messages[0]!.content;
  assert.equal(packed.type, 'text');
  const promptText = packed.type === 'text' ? packed.text : '';
  assert.match(promptText, /^<personavlm_memory>[\s\S]*Name: Ana[\s\S]*called Miso[\s\S]*<\/personavlm_memory>\n\nWith what you know about me above, answer: What is my cat called\?$/);
  return { turnId, factId };
}

/** Bad arguments: each is an MCP error result that says what is wrong, and nothing is stored. */
export async function exerciseBadArguments(client: Client): Promise<void> {
  const before = (await ok(client, 'memories_list', { status: 'all' })).data.memories.length;
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['recall', {}, /Input validation error[\s\S]*query/],
    ['recall', { query: 'cat', from: 'yesterday' }, /ISO 8601/],
    ['recall', { query: 'cat', types: ['gossip'] }, /types/],
    ['recall', { query: 'cat', from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, /"from" must be before "to"/],
    ['remember', { kind: 'fact', text: 'x', images: [{ caption: 'a cat' }] }, /"images" does not go with a fact/],
    ['remember', { text: 'x', memoryType: 'core' }, /"memoryType" does not go with a turn/],
    ['remember', { text: '' }, /needs "text" or "images"/],
    ['remember', { text: 'Look', images: [{ data: 'not base64 at all!' }] }, /images\[0\]\.data is not base64/],
    ['remember', { text: 'Look', images: [{}] }, /needs "data" \(base64\), "path" or "caption"/],
    ['memory_edit', { id: 'whatever' }, /Give at least one of content, keywords, eventTime/],
    ['memory_edit', { id: 'no-such-memory', content: 'x' }, /^not_found: /],
    ['memory_forget', { id: 'no-such-memory' }, /^not_found: /],
    ['memory_get', {}, /Input validation error[\s\S]*id/],
    ['memories_list', { limit: 0 }, /limit/],
  ];
  for (const [name, args, expected] of cases) {
    const result = await call(client, name, args);
    assert.ok(result.isError, `${name} ${JSON.stringify(args)} should fail`);
    assert.match(result.text, expected, `${name} ${JSON.stringify(args)}`);
  }
  await assert.rejects(client.readResource({ uri: 'personavlm://memories/no-such-memory' }), /not_found/);
  await assert.rejects(client.getPrompt({ name: 'context_for_question', arguments: {} }), /question/);
  assert.equal((await ok(client, 'memories_list', { status: 'all' })).data.memories.length, before);
}

/** What another user (or tenant) sees of the first one's memory: nothing, by any tool, resource or prompt. */
export async function assertSeesNothingOf(client: Client, first: Exercised): Promise<void> {
  assert.deepEqual((await ok(client, 'memories_list', { status: 'all' })).data.memories, []);
  for (const name of ['memory_get', 'memory_forget']) {
    const result = await call(client, name, { id: first.factId });
    assert.match(result.text, /^not_found: memory/, name);
  }
  assert.match((await call(client, 'memory_edit', { id: first.factId, content: 'changed' })).text, /^not_found: /);
  const recalled = await ok(client, 'recall', { query: 'cat Miso peanuts', at: '2026-03-02T00:00:00Z' });
  assert.deepEqual(recalled.data.items, []);
  assert.doesNotMatch((await ok(client, 'profile')).text, /Ana/);
  await assert.rejects(client.readResource({ uri: `personavlm://memories/${first.factId}` }), /not_found/);
  const prompt = await client.getPrompt({ name: 'context_for_question', arguments: { question: 'What is my cat called?' } });
  assert.doesNotMatch(JSON.stringify(prompt), /Miso|Ana/);
}
