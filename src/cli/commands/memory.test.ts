import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona } from '../../persona.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import { openTestStore, unclosable } from '../../test/test-store.ts';
import type { CliIo } from '../io.ts';
import { createMemoryCommand } from './memory.ts';

/** The command over a real (migrated, in-process) store; the command closes the persona, the test the store. */
async function commandOver(t: TestContext): Promise<{ store: MemoryStore; command: ReturnType<typeof createMemoryCommand> }> {
  const store = await openTestStore();
  t.after(() => store.close());
  return { store, command: createMemoryCommand({ open: async () => createPersona({ store: unclosable(store), model: null, embedder: null, vision: false }) }) };
}

test('memory list, show, edit (versioned), forget and delete-user over the store', async (t) => {
  const { store, command } = await commandOver(t);
  const out: string[] = [];
  const io = (isTty: boolean): CliIo => ({ stdout: (t) => out.push(t), stderr: () => {}, isTty, env: {}, cwd: '/tmp' });
  const last = () => out.at(-1)!;
  const session = await store.sessions.create('ann', new Date('2024-03-01T10:00:00Z'));
  const said = await store.turns.append('ann', { sessionId: session.id, role: 'user', text: 'I like green tea', at: new Date('2024-03-01T10:00:00Z') });
  const tea = await store.memories.add('ann', { type: 'semantic', key: 'drink', content: 'Ann likes green tea.', sourceTurnIds: [said.id] });
  await store.memories.add('ann', { type: 'core', key: 'name', content: 'Name: Ann' });

  assert.equal(await command(['list', '--user', 'ann', '--type', 'semantic'], io(true)), 0);
  assert.match(last(), /semantic\s+\[drink\] Ann likes green tea\./);
  assert.doesNotMatch(last(), /Name: Ann/);

  await command(['edit', '--user', 'ann', tea.id, '--content', 'Ann likes black tea.'], io(false));
  const edited = JSON.parse(last());
  await command(['show', '--user', 'ann', edited.id], io(true));
  assert.match(last(), /Ann likes black tea\.[\s\S]*Earlier versions:[\s\S]*Ann likes green tea\. \(superseded since \d{4}-\d\d-\d\d \(\w+\)\)/);
  await command(['list', '--user', 'ann', '--all'], io(false));
  assert.equal(JSON.parse(last()).length, 3);
  await command(['list', '--user', 'ann', '--search', 'GREEN tea'], io(true));
  assert.match(last(), /have every word of "GREEN tea" \(--all searches superseded and retired versions too\)/, 'the edit moved "green" to history');
  await command(['list', '--user', 'ann', '--all', '--search', 'GREEN tea'], io(false));
  assert.deepEqual(JSON.parse(last()).map((m: { content: string }) => m.content), ['Ann likes green tea.']);

  await command(['forget', '--user', 'ann', edited.id], io(false));
  assert.equal((await store.memories.list('ann', { status: ['active', 'superseded'] })).length, 1, 'the versions went with it');
  await assert.rejects(command(['show', '--user', 'ann', edited.id], io(false)), /does not exist/);
  await assert.rejects(command(['delete-user', '--user', 'ann'], io(false)), /--yes/);
  await command(['delete-user', '--user', 'ann', '--yes'], io(false));
  assert.equal((await store.memories.list('ann')).length, 0);
  await assert.rejects(command(['list'], io(false)), /--user is required/);
});

test('memory list and show print times on the configured clock (PERSONAVLM_TIME_ZONE), JSON keeps instants', async (t) => {
  const { store, command } = await commandOver(t);
  const out: string[] = [];
  const io = (isTty: boolean, env: Record<string, string> = { PERSONAVLM_TIME_ZONE: 'America/Los_Angeles' }): CliIo => ({ stdout: (text) => out.push(text), stderr: () => {}, isTty, env, cwd: '/tmp' });
  // 02:30 UTC on 2 March is still 1 March, 6:30 pm, in Los Angeles.
  const said = new Date('2024-03-02T02:30:00Z');
  const old = await store.memories.add('ann', { type: 'semantic', key: 'drink', content: 'Ann likes green tea.', validFrom: said });
  await store.memories.supersede('ann', old.id, { type: 'semantic', key: 'drink', content: 'Ann likes black tea.', validFrom: new Date('2024-03-09T03:00:00Z') }, null);

  await command(['show', '--user', 'ann', old.id], io(true));
  assert.match(out.at(-1)!, /\(superseded since 2024-03-08 \(Friday\)\)/);
  assert.match(out.at(-1)!, /valid from 2024-03-01 18:30 \(Friday\) to 2024-03-08 19:00 \(Friday\)/);
  await command(['show', '--user', 'ann', old.id], io(true, {}));
  assert.match(out.at(-1)!, /\(superseded since 2024-03-09 \(Saturday\)\)[\s\S]*valid from 2024-03-02 02:30 \(Saturday\) to 2024-03-09 03:00 \(Saturday\)/, 'UTC by default');
  await command(['list', '--user', 'ann', '--all'], io(true));
  assert.match(out.at(-1)!, /Ann likes green tea\. \(superseded since 2024-03-08 \(Friday\)\)/);
  await command(['show', '--user', 'ann', old.id], io(false));
  assert.equal((JSON.parse(out.at(-1)!) as { memory: { validFrom: string } }).memory.validFrom, said.toISOString(), 'machine output stays ISO 8601');
});

test('memory persons and name-person: the name lands in the image text of the turns that show the person', async (t) => {
  const { store, command } = await commandOver(t);
  const out: string[] = [];
  const io = (isTty: boolean): CliIo => ({ stdout: (t) => out.push(t), stderr: () => {}, isTty, env: {}, cwd: '/tmp' });
  const session = await store.sessions.create('bo', new Date('2024-03-01T10:00:00Z'));
  const image = await store.images.put('bo', new Uint8Array([1, 2, 3]), { mime: 'image/png', width: 1, height: 1 });
  const face = { box: { x: 0, y: 0, width: 1, height: 1 }, score: 0.9, personId: 'person-1', descriptor: [1, 0] };
  await store.images.setAnalysis('bo', image.sha256, { ocrText: '', objects: [], faces: [face], colors: ['blue'], caption: null, analyzers: { faces: 'ok' } });
  await store.persons.upsertMany('bo', [{ id: 'person-1', centroid: [1, 0], count: 1 }]);
  const shown = await store.turns.append('bo', { sessionId: session.id, role: 'user', text: 'at the lake', at: new Date('2024-03-01T10:00:00Z'), images: [image.sha256] });
  await store.turns.setEnrichment('bo', shown.id, { keywords: [], lemmas: [], entities: [], dates: [], imageText: 'blue' });
  const other = await store.turns.append('bo', { sessionId: session.id, role: 'user', text: 'no photo', at: new Date('2024-03-01T10:01:00Z') });
  await store.turns.setEnrichment('bo', other.id, { keywords: [], lemmas: [], entities: [], dates: [], imageText: '' });

  await command(['persons', '--user', 'bo'], io(true));
  assert.match(out.at(-1)!, /person-1\s+\(unnamed\)\s+1 face/);
  await command(['name-person', '--user', 'bo', 'person-1', 'Alice'], io(true));
  assert.match(out.at(-1)!, /Named person-1 "Alice"; 1 turn/);
  assert.equal((await store.turns.get('bo', shown.id))?.enrichment?.imageText, 'blue \nAlice');
  assert.equal((await store.turns.get('bo', other.id))?.enrichment?.imageText, '');
  await assert.rejects(command(['name-person', '--user', 'bo', 'person-1'], io(false)), /a person id and a name/);
  await assert.rejects(command(['name-person', '--user', 'bo', 'person-9', 'Zed'], io(false)), /does not exist/);
});
