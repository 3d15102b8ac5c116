import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore } from '../../test/test-store.ts';
import { personalityApi } from '../../facade/index.ts';
import { renderPersonality, run, sparkline } from './personality.ts';

const traits = (openness: number, neuroticism = 3) => ({ openness, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism });

test('sparklines span the trait\'s own range and sample long trajectories down to their width', () => {
  assert.equal(sparkline([1, 3, 5]), '▁▅█');
  assert.equal(sparkline([3, 3.1, 3.2]), '▁▅█', 'PEM moves by tenths: still visible');
  assert.equal(sparkline([3.5, 3.5]), '▄▄', 'flat');
  assert.equal(sparkline(Array.from({ length: 400 }, (_, i) => 1 + (4 * i) / 399)).length, 41, 'at most 40 bars plus the last value');
  assert.equal(sparkline([]), '');
});

test('the report shows the current scores, a line per trait and the turns behind the latest changes', async () => {
  const store = await openTestStore();
  try {
    await store.users.ensure('ann');
    const session = await store.sessions.create('ann', new Date('2026-10-01T09:00:00Z'));
    const calm = await store.turns.append('ann', { sessionId: session.id, role: 'user', text: 'I love trying new things, I signed up for a pottery class.', at: new Date('2026-10-01T09:00:00Z') });
    const worried = await store.turns.append('ann', { sessionId: session.id, role: 'user', text: 'I am so anxious about the exam tomorrow.', at: new Date('2026-10-01T09:05:00Z') });
    await store.personality.append('ann', { interactions: 1, turnId: calm.id, at: calm.at, traits: traits(3.5), inferred: traits(4) });
    await store.personality.append('ann', { interactions: 2, turnId: worried.id, at: worried.at, traits: traits(3.5, 3.5), inferred: traits(3, 4) });
    const report = await personalityApi(store).get('ann');
    assert.equal(report.interactions, 2);
    assert.deepEqual(report.current, traits(3.5, 3.5));
    assert.equal(report.points[1]!.turnText, worried.text);
    const text = renderPersonality(report, 10, 'UTC');
    assert.match(text, /after 2 interaction\(s\)/);
    assert.match(text, /openness\s+3\.5 {2}▄▄ {2}\(from 3\.5, range 3\.5–3\.5\)/);
    assert.match(text, /neuroticism\s+3\.5 {2}▁█ {2}\(from 3\.0, range 3\.0–3\.5\)/);
    assert.match(text, /2026-10-01 09:05 \(Thursday\) {2}#2 {2}neuroticism 3\.0→3\.5 \(\+0\.5\)\n {6}turn .*: "I am so anxious about the exam tomorrow\."/);
    assert.ok(text.indexOf('#2') < text.indexOf('#1'), 'newest change first');
    assert.equal(renderPersonality(report, 1, 'UTC').match(/#\d/g)?.length, 1, '--changes limits the list');
    await store.users.ensure('new');
    assert.match(renderPersonality(await personalityApi(store).get('new'), 10, 'UTC'), /No personality estimate for "new" yet: .*PERSONAVLM_MODEL/);
    await assert.rejects(personalityApi(store).get('nobody'), /nobody/);
  } finally {
    await store.close();
  }
});

test('--user is required and --help explains the command', async () => {
  const out: string[] = [];
  const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text), isTty: true, env: {}, cwd: process.cwd() };
  assert.equal(await run(['--help'], io), 0);
  assert.match(out.join(''), /sparkline per trait/);
  await assert.rejects(run([], io), /--user <id> is required/);
  await assert.rejects(run(['--user', 'x', '--changes=-1'], io), /--changes takes a whole number/);
});
