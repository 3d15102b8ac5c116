// Stale facts never outrank current ones, end to end: a job change supersedes the old job memory, the episode written
// before it is marked outdated, "where do I work now?" recalls the current fact first, with the old dialogue and
// episode below it and marked, and the reasoning prompt lists the change beside the profile that still says Acme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPersona, internalsOf } from './persona.ts';
import { openTestStore } from './test/test-store.ts';
import { ScriptedChatModel } from './test/scripted-chat-model.ts';

const neutral = { openness: 3, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3 };
const job = (content: string) => JSON.stringify({
  personality: neutral,
  memories: [{ reason: 'work', decision: 'store', category: 'fact', key: 'employer', content, keywords: ['work', 'job'] }],
});

test('a superseded fact: the current memory ranks first, the old dialogue and episode are marked, the profile gets the change', async () => {
  const model = new ScriptedChatModel([
    job('User works at Acme as a mechanical engineer.'),
    JSON.stringify({
      episodes: [{ summary: 'The user said they work at Acme as a mechanical engineer and enjoy it.', keywords: ['Acme', 'engineer'], turns: [0, 1] }],
      procedural: [],
      core: { identity: { occupation: 'mechanical engineer at Acme' }, preferences: null },
    }),
    job('User works at Solaris as a data scientist since Monday 28 September 2026.'),
    '<think>The profile and memories say where.</think><answer>You work at Solaris now, as a data scientist.</answer>',
  ]);
  const persona = createPersona({ store: await openTestStore(), model, vision: false, embedder: null, imageEmbedder: null });
  await persona.open();
  try {
    await persona.recordTurn({ userId: 'maya', role: 'user', text: 'I work at Acme as a mechanical engineer, I love the job.', at: new Date('2026-09-01T18:00:00Z') });
    await persona.recordTurn({ userId: 'maya', role: 'assistant', text: 'Acme sounds great!', at: new Date('2026-09-01T18:01:00Z') });
    await persona.drain('maya');
    // Friday 2 October: a new session (closing the first one: its episode and profile are written first).
    await persona.recordTurn({ userId: 'maya', role: 'user', text: 'Big news: since Monday I work at Solaris as a data scientist!', at: new Date('2026-10-02T09:00:00Z') });
    await persona.drain('maya');

    const [episode] = await internalsOf(persona).store.memories.list('maya', { types: ['episodic'] });
    const [occupation] = await internalsOf(persona).store.memories.list('maya', { types: ['core'], key: 'occupation' });
    assert.equal((episode?.detail.outdatedBy as { current: string }[] | undefined)?.[0]?.current, 'User works at Solaris as a data scientist since Monday 28 September 2026.', 'the episode is marked outdated');
    assert.equal(occupation?.detail.outdatedBy, undefined, 'profile lines are not marked: the session job rewrites them');
    const [current] = await internalsOf(persona).store.memories.list('maya', { types: ['semantic'] });
    assert.equal(current?.eventTime?.from?.toISOString(), '2026-09-28T00:00:00.000Z', 'dated by its own words: the Monday before');

    const result = await persona.recall({ userId: 'maya', query: 'Where do I work now?', at: new Date('2026-10-03T10:00:00Z'), budgetTokens: 2000 });
    const order = result.items.map((item) => `${item.source}: ${item.text}`);
    const currentAt = order.findIndex((line) => line.startsWith('semantic:') && line.includes('Solaris'));
    const staleDialogue = order.findIndex((line) => line.startsWith('dialogue:') && line.includes('I work at Acme'));
    const staleEpisode = order.findIndex((line) => line.startsWith('episodic:'));
    assert.match(order[0]!, /Solaris/, `what is current comes first:\n${order.join('\n')}`);
    assert.ok(currentAt >= 0 && staleDialogue > currentAt && staleEpisode > currentAt, `the old dialogue and episode come after the current fact:\n${order.join('\n')}`);
    assert.match(order[staleDialogue]!, /I work at Acme as a mechanical engineer, I love the job\. \[outdated since 2026-10-02 \(Friday\): now "User works at Solaris/);
    assert.match(order[staleEpisode]!, /\[outdated since 2026-10-02 \(Friday\): now "User works at Solaris/);

    const reply = await persona.chat({ userId: 'maya', text: 'Where do I work now?', at: new Date('2026-10-03T10:00:00Z') });
    assert.equal(reply.answer, 'You work at Solaris now, as a data scientist.');
    const prompt = model.calls.at(-1)!.promptText;
    assert.match(prompt, /## User profile\n- Occupation: mechanical engineer at Acme\n\n## Changed since the profile was written\n- \[2026-10-02 09:00 \(Friday\)\] User works at Solaris as a data scientist since Monday 28 September 2026\. \(before: User works at Acme as a mechanical engineer\.\)/, 'the change is listed beside the profile that still says Acme');
  } finally {
    await persona.close();
  }
});
