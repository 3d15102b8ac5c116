import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInMemoryStore } from '../../remember/test-support/in-memory-store.ts';
import type { CliIo } from '../io.ts';
import { createMemoryCommand } from './memory.ts';

test('memory list, show, edit (versioned), forget and delete-user over the store', async () => {
  const store = createInMemoryStore();
  const command = createMemoryCommand({ openStore: async () => store });
  const out: string[] = [];
  const io = (isTty: boolean): CliIo => ({ stdout: (t) => out.push(t), stderr: () => {}, isTty, env: {}, cwd: '/tmp' });
  const last = () => out.at(-1)!;
  const tea = await store.memories.add('ann', { type: 'semantic', key: 'drink', content: 'Ann likes green tea.', sourceTurnIds: ['t1'] });
  await store.memories.add('ann', { type: 'core', key: 'name', content: 'Name: Ann' });

  assert.equal(await command(['list', '--user', 'ann', '--type', 'semantic'], io(true)), 0);
  assert.match(last(), /semantic\s+\[drink\] Ann likes green tea\./);
  assert.doesNotMatch(last(), /Name: Ann/);

  await command(['edit', '--user', 'ann', tea.id, '--content', 'Ann likes black tea.'], io(false));
  const edited = JSON.parse(last());
  await command(['show', '--user', 'ann', edited.id], io(true));
  assert.match(last(), /Ann likes black tea\.[\s\S]*Earlier versions:[\s\S]*Ann likes green tea\. \(superseded\)/);
  await command(['list', '--user', 'ann', '--all'], io(false));
  assert.equal(JSON.parse(last()).length, 3);

  await command(['forget', '--user', 'ann', edited.id], io(false));
  assert.equal((await store.memories.list('ann', { status: ['active', 'superseded'] })).length, 1, 'the versions went with it');
  await assert.rejects(command(['show', '--user', 'ann', edited.id], io(false)), /does not exist/);
  await assert.rejects(command(['delete-user', '--user', 'ann'], io(false)), /--yes/);
  await command(['delete-user', '--user', 'ann', '--yes'], io(false));
  assert.equal((await store.memories.list('ann')).length, 0);
  await assert.rejects(command(['list'], io(false)), /--user is required/);
});
