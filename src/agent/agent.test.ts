import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelNotConfiguredError } from '../errors/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import { createChatClient } from '../model/chat-client.ts';
import { buildReasonFinalInstruction } from '../prompts/reason-final.ts';
import type { RecallItem } from '../retrieval/types.ts';
import { ScriptedChatModel, type ScriptedReply } from '../test/scripted-chat-model.ts';
import { createAgent } from './agent.ts';
import { agentConfig, type AgentConfig } from './agent-types.ts';
import { createAgentStore, type AgentStoreSeed } from './test-support/agent-store.ts';
import { recallItem, scriptedRecall } from './test-support/scripted-recall.ts';

const AT = new Date('2023-05-08T14:02:00Z'); // a Monday
const USER = 'caroline';

function setup(options: { replies: ScriptedReply[]; recall?: RecallItem[][]; seed?: AgentStoreSeed; config?: Partial<AgentConfig> }) {
  const model = new ScriptedChatModel(options.replies);
  const recall = scriptedRecall(options.recall ?? []);
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const agent = createAgent({
    chat: createChatClient(model, { maxRetries: 0 }),
    store: createAgentStore(USER, options.seed),
    recall: recall.recall,
    events,
    config: agentConfig(options.config),
  });
  const ofType = (type: string) => seen.filter((event) => event.type === type) as Array<Record<string, unknown>>;
  return {
    model,
    agent,
    recall,
    seen,
    ofType,
    deltas: () => ofType('answer.delta').map((event) => String(event.text)),
    warnings: () => ofType('warning').map((event) => String(event.code)),
    done: () => {
      model.assertAllUsed();
      assert.equal(recall.remaining(), 0, 'every scripted recall was used');
    },
  };
}

const retrieve = (args: Record<string, unknown>, think = 'I need to look this up.') =>
  `<think>${think}</think>\n<retrieve>${JSON.stringify(args)}</retrieve>`;

test('retrieve then answer: round 2 receives the retrieved sections with times and weekdays', async () => {
  const kit = setup({
    seed: {
      memories: [
        { type: 'core', key: 'name', content: 'Caroline' },
        { type: 'procedural', key: 'painting', content: 'User paints on Sunday afternoons.' },
      ],
      personality: { openness: 4.24, conscientiousness: 3, extraversion: 3, agreeableness: 3, neuroticism: 3.86 },
      turns: [
        { id: 't-old', role: 'user', text: 'An old message from this morning.', at: new Date('2023-05-08T09:00:00Z') },
        { id: 't-recent', role: 'user', text: 'I just got back from the lake.', at: new Date('2023-05-08T13:50:00Z') },
      ],
    },
    replies: [
      retrieve({ keywords: ['painting', 'sunset'], start_time: '2023-05-01 00:00', end_time: '2023-05-07 23:59' }),
      '<think>She painted a sunset last Sunday.</think>\n<answer>How about another sunset, this time over the lake you just visited?</answer>',
    ],
    recall: [
      [
        recallItem({ source: 'semantic', id: 'm9', text: 'Caroline painted a sunset.', at: new Date('2023-05-07T18:00:00Z'), tokens: 6 }),
        recallItem({ source: 'dialogue', id: 't5', text: 'Caroline: I finished my sunset painting!', at: new Date('2023-05-07T18:05:00Z'), tokens: 9, sourceTurnIds: ['t5', 't6'] }),
      ],
    ],
  });
  const result = await kit.agent.respond({ userId: USER, text: 'What should I paint next?', at: AT });

  assert.equal(result.answer, 'How about another sunset, this time over the lake you just visited?');
  assert.equal(result.calls, 2);
  const [first, second] = kit.model.calls;
  assert.match(first?.promptText ?? '', /- Caroline\n/, 'a profile line is its content, no repeated label');
  assert.match(first?.promptText ?? '', /Openness 4\.2, Conscientiousness 3\.0, Extraversion 3\.0, Agreeableness 3\.0, Neuroticism 3\.9/);
  assert.match(first?.promptText ?? '', /High neuroticism \(3\.9\): the user worries easily: be reassuring/);
  assert.match(first?.promptText ?? '', /- User paints on Sunday afternoons\./);
  assert.match(first?.promptText ?? '', /\[2023-05-08 13:50 \(Monday\)\] User: I just got back from the lake\./);
  assert.doesNotMatch(first?.promptText ?? '', /An old message/, 'turns outside the recent window are not shown');
  assert.match(first?.promptText ?? '', /## User input \[2023-05-08 14:02 \(Monday\)\]\nWhat should I paint next\?/);

  const query = kit.recall.queries[0];
  assert.equal(query?.query, 'What should I paint next?');
  assert.deepEqual(query?.keywords, ['painting', 'sunset']);
  assert.deepEqual(query?.timeRange, { from: new Date('2023-05-01T00:00:00Z'), to: new Date('2023-05-08T00:00:00Z') });
  assert.deepEqual(query?.excludeTurnIds, ['t-recent'], 'the recent window is left out of retrieval');

  const round2 = second?.promptText ?? '';
  assert.match(round2, /assistant: <think>I need to look this up\.<\/think>/);
  assert.match(round2, /Retrieved Semantic Memory:\n- \[semantic memory, 2023-05-07 \(Sunday\)\] Caroline painted a sunset\./);
  assert.match(round2, /Retrieved Dialogue:\n- \[2023-05-07 18:05 \(Sunday\)\]\n {2}Caroline: I finished my sunset painting!/);
  assert.doesNotMatch(round2, /Retrieved Procedural Memory/);

  assert.deepEqual(kit.ofType('retrieval.started').map((event) => [event.keywords, event.range]), [
    [['painting', 'sunset'], { from: '2023-05-01T00:00:00.000Z', to: '2023-05-08T00:00:00.000Z' }],
  ]);
  assert.deepEqual(kit.ofType('retrieval.items').map((event) => [event.count, event.tokens]), [[2, 15]]);
  assert.deepEqual(kit.ofType('round').map((event) => event.index), [1, 2]);
  assert.ok(kit.seen.every((event) => (event as Record<string, unknown>).userId === USER));
  assert.deepEqual(kit.warnings(), []);
  assert.deepEqual(result.steps.map((step) => [step.round, step.decision, step.items?.length]), [[1, 'retrieve', 2], [2, 'answer', undefined]]);
  kit.done();
});

test('streaming: deltas carry only the answer text, in several pieces, adding up to the answer', async () => {
  const kit = setup({
    replies: [
      retrieve({ keywords: ['lake'] }, 'Maybe <answer> is premature.'),
      '<think>Enough now.</think><answer>The lake trip was on Sunday, and you loved it.</answer> <retrieve>{}</retrieve>',
    ],
    recall: [[]],
  });
  const result = await kit.agent.respond({ userId: USER, text: 'When was the lake trip?', at: AT });
  const deltas = kit.deltas();
  assert.ok(deltas.length > 3, `streamed in pieces, got ${deltas.length}`);
  assert.equal(deltas.join(''), result.answer);
  assert.equal(result.answer, 'The lake trip was on Sunday, and you loved it.');
  assert.ok(deltas.every((delta) => !/[<>]|think|Enough|premature/.test(delta)), JSON.stringify(deltas));
  assert.match(kit.model.calls[1]?.promptText ?? '', /No new memories were found/);
  assert.deepEqual(kit.warnings(), ['model_output_ambiguous']);
  kit.done();
});

test('malformed tags: an unclosed <answer> and untagged prose both answer, with warnings that name the round', async () => {
  const unclosed = setup({ replies: ['<think>Easy.<answer>Yes, the museum opens at nine.'] });
  const first = await unclosed.agent.respond({ userId: USER, text: 'Does it open at nine?', at: AT });
  assert.equal(first.answer, 'Yes, the museum opens at nine.');
  assert.equal(unclosed.deltas().join(''), first.answer);
  assert.deepEqual(unclosed.warnings(), ['model_output_repaired', 'model_output_repaired']);
  assert.deepEqual(unclosed.ofType('warning').map((event) => (event.details as { round: number }).round), [1, 1]);
  unclosed.done();

  const untagged = setup({ replies: ['Sure — the museum opens at nine.'] });
  const second = await untagged.agent.respond({ userId: USER, text: 'Does it open at nine?', at: AT });
  assert.equal(second.answer, 'Sure — the museum opens at nine.');
  assert.equal(untagged.deltas().join(''), second.answer, 'an answer that could not stream is sent whole at the end');
  assert.deepEqual(untagged.warnings(), ['model_output_untagged']);
  untagged.done();
});

test('round limit: 6 calls at most, the last is told to answer, and the answer is never empty', async () => {
  const replies = Array.from({ length: 6 }, (_, index) => retrieve({ keywords: [`guess ${index + 1}`] }, `Still unsure (${index + 1}).`));
  const kit = setup({ replies, recall: Array.from({ length: 5 }, () => []) });
  const result = await kit.agent.respond({ userId: USER, text: 'What did I say about my sister?', at: AT });
  assert.equal(kit.model.calls.length, 6);
  assert.equal(result.calls, 6);
  const final = buildReasonFinalInstruction();
  assert.ok(kit.model.calls[5]?.promptText.endsWith(final), 'the sixth prompt ends with the final-round instruction');
  assert.ok(kit.model.calls.slice(0, 5).every((call) => !call.promptText.includes(final)));
  assert.equal(result.answer, 'Still unsure (6).');
  assert.ok(kit.warnings().includes('final_round_not_answered'));
  assert.equal(kit.deltas().join(''), result.answer);
  assert.deepEqual(kit.ofType('round').map((event) => event.final), [false, false, false, false, false, true]);
  kit.done();
});

test('maxRounds 1: the only call carries the final instruction', async () => {
  const kit = setup({ replies: ['<answer>Hi!</answer>'], config: { maxRounds: 1 } });
  assert.equal((await kit.agent.respond({ userId: USER, text: 'Hello', at: AT })).answer, 'Hi!');
  assert.ok(kit.model.calls[0]?.promptText.endsWith(buildReasonFinalInstruction()));
  kit.done();
});

test('force-retrieve turns the first answer into a retrieval with the query; only the later answer streams', async () => {
  const kit = setup({
    config: { forceRetrieve: true },
    replies: ['<think>I know this.</think><answer>Your dog is called Rex.</answer>', '<think>Checked.</think><answer>Your dog is called Biscuit.</answer>'],
    recall: [[recallItem({ source: 'semantic', id: 'm1', text: "Caroline's dog is Biscuit.", at: new Date('2023-04-02T10:00:00Z') })]],
  });
  const result = await kit.agent.respond({ userId: USER, text: "What's my dog's name?", at: AT });
  assert.equal(result.answer, 'Your dog is called Biscuit.');
  assert.equal(kit.deltas().join(''), 'Your dog is called Biscuit.');
  assert.deepEqual(kit.recall.queries.map((query) => [query.query, query.keywords, query.timeRange]), [["What's my dog's name?", [], undefined]]);
  assert.deepEqual(kit.ofType('retrieval.started').map((event) => event.forced), [true]);
  assert.match(kit.model.calls[1]?.promptText ?? '', /Before you answer, check these memories[\s\S]*\[semantic memory, 2023-04-02 \(Sunday\)\] Caroline's dog is Biscuit\./);
  kit.done();
});

test('images of retrieved image memories go back to the model as image parts, once; shown items are not repeated', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const query = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 9]), mime: 'image/jpeg' };
  const mug = recallItem({ source: 'image', id: 'm-mug', text: 'red mug (Image Object: cup)', at: new Date('2023-05-01T09:00:00Z'), imageSha256s: ['sha-mug'] });
  const kit = setup({
    seed: { images: [{ sha256: 'sha-mug', mime: 'image/png', bytes: png }] },
    replies: [
      retrieve({ keywords: ['mug'], types: ['image'] }),
      retrieve({ keywords: ['mug', 'cup'] }),
      '<answer>That is the red mug you showed me on May 1st.</answer>',
    ],
    recall: [[mug], [mug]],
  });
  const result = await kit.agent.respond({ userId: USER, text: 'Is this my mug?', images: [query], at: AT });
  assert.equal(result.answer, 'That is the red mug you showed me on May 1st.');
  const [first, second, third] = kit.model.calls;
  assert.deepEqual(first?.images.map((image) => image.mediaType), ['image/jpeg'], 'the input image');
  assert.deepEqual(second?.images.map((image) => [image.mediaType, [...image.bytes]]), [
    ['image/jpeg', [...query.bytes]],
    ['image/png', [...png]],
  ]);
  assert.match(second?.promptText ?? '', /Retrieved Semantic Memory:\n- \[semantic memory, 2023-05-01 \(Monday\)\] red mug \(Image Object: cup\) \[image 1\]/);
  assert.equal(third?.images.length, 2, 'no image is sent twice');
  assert.match(third?.promptText.split('assistant:').at(-1) ?? '', /No new memories were found/);
  assert.deepEqual(kit.recall.queries.map((q) => [q.images?.length, q.types]), [[1, ['image']], [1, undefined]]);
  assert.deepEqual(kit.ofType('retrieval.items').map((event) => [event.count, event.skipped]), [[1, 0], [0, 1]]);
  kit.done();
});

test('a retrieved image missing from the store is reported, and its memory still shown', async () => {
  const kit = setup({
    replies: [retrieve({ keywords: ['beach'] }), '<answer>The beach photo from April.</answer>'],
    recall: [[recallItem({ source: 'image', id: 'm-b', text: 'beach (Image Object: scene)', imageSha256s: ['gone'] })]],
  });
  await kit.agent.respond({ userId: USER, text: 'Which photo?', at: AT });
  assert.deepEqual(kit.warnings(), ['retrieved_image_missing']);
  assert.equal(kit.model.calls[1]?.images.length, 0);
  assert.match(kit.model.calls[1]?.promptText ?? '', /- beach \(Image Object: scene\)/);
  kit.done();
});

test('a bad date is ignored with a retrieve_date_ignored warning event, and recall gets no time range', async () => {
  const kit = setup({
    replies: [retrieve({ keywords: ['party'], start_time: 'last weekend', end_time: null }), '<answer>It was fun.</answer>'],
    recall: [[]],
  });
  await kit.agent.respond({ userId: USER, text: 'How was the party?', at: AT });
  const [warning] = kit.ofType('warning');
  assert.equal(warning?.code, 'retrieve_date_ignored');
  assert.deepEqual(warning?.details, { field: 'start_time', value: 'last weekend', round: 1 });
  assert.equal(kit.recall.queries[0]?.timeRange, undefined);
  kit.done();
});

test('one-shot mode: recall with the query, then exactly one call that must answer', async () => {
  const kit = setup({
    config: { mode: 'one-shot' },
    replies: ['<think>ok</think><answer>You run on Thursdays.</answer>'],
    recall: [[recallItem({ source: 'procedural', id: 'p1', text: 'User runs every Thursday morning.', at: new Date('2023-05-04T07:00:00Z') })]],
  });
  const result = await kit.agent.respond({ userId: USER, text: 'When do I run?', at: AT });
  assert.equal(result.answer, 'You run on Thursdays.');
  assert.equal(result.calls, 1);
  assert.equal(kit.model.calls.length, 1);
  const prompt = kit.model.calls[0]?.promptText ?? '';
  assert.match(prompt, /## User input[\s\S]*Retrieved Procedural Memory:\n- \[procedural memory, 2023-05-04 \(Thursday\)\] User runs every Thursday morning\./);
  assert.ok(prompt.endsWith(buildReasonFinalInstruction()));
  assert.deepEqual(kit.recall.queries.map((query) => [query.query, query.keywords]), [['When do I run?', []]]);
  assert.equal(kit.deltas().join(''), result.answer);
  kit.done();
});

test('without a chat model: ModelNotConfiguredError that names the settings, before any store read', async () => {
  const agent = createAgent({
    chat: null,
    store: createAgentStore(USER),
    recall: scriptedRecall([]).recall,
    events: new EventBus(),
    config: agentConfig(),
  });
  assert.equal(agent.configured, false);
  await assert.rejects(agent.respond({ userId: USER, text: 'Hi', at: AT }), (error: unknown) => {
    assert.ok(error instanceof ModelNotConfiguredError);
    assert.equal(error.code, 'model_not_configured');
    assert.match(error.message, /PERSONAVLM_MODEL_BASE_URL/);
    assert.match(error.message, /PERSONAVLM_MODEL\b/);
    return true;
  });
  assert.throws(() => agent.assertConfigured(), ModelNotConfiguredError);
});

test('an aborted signal stops the loop before the next model call', async () => {
  const controller = new AbortController();
  const kit = setup({ replies: [retrieve({ keywords: ['x'] })], recall: [[]] });
  const recall = kit.recall.recall;
  const agent = createAgent({
    chat: createChatClient(kit.model, { maxRetries: 0 }),
    store: createAgentStore(USER),
    recall: async (query) => {
      controller.abort();
      return recall(query);
    },
    events: new EventBus(),
    config: agentConfig(),
  });
  await assert.rejects(agent.respond({ userId: USER, text: 'Hi', at: AT, signal: controller.signal }), { name: 'AbortError' });
  assert.equal(kit.model.calls.length, 1);
  kit.done();
});

test('photos of retrieved dialogue go back only for a question about pictures, marked on the line of the turn that holds them', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 4, 5, 6]);
  const userLine = 'User: Here is the receipt from the cafe. [photo: text: "BLUE FERN CAFE Matcha latte 4.50"]';
  const window = () => recallItem({
    source: 'dialogue', id: 't1', at: new Date('2023-05-07T10:00:00Z'), sourceTurnIds: ['t1', 't2'], imageSha256s: ['sha-receipt'], imageLines: [userLine],
    text: `${userLine}\nAssistant: A lovely Sunday routine.`,
  });
  const seed = { images: [{ sha256: 'sha-receipt', mime: 'image/png', bytes: png }] };
  const plain = setup({ seed, replies: [retrieve({ keywords: ['cafe'] }), '<answer>Blue Fern.</answer>'], recall: [[window()]] });
  await plain.agent.respond({ userId: USER, text: 'Which cafe do I go to on Sundays?', at: AT });
  assert.equal(plain.model.calls[1]?.images.length, 0, "the photo's note is in the line; its pixels are not resent");
  assert.doesNotMatch(plain.model.calls[1]?.promptText ?? '', /\[image 1\]/);
  plain.done();

  const visual = setup({ seed, replies: [retrieve({ keywords: ['receipt'] }), '<answer>A matcha latte.</answer>'], recall: [[window()]] });
  await visual.agent.respond({ userId: USER, text: 'What was on the receipt photo I showed you?', at: AT });
  assert.equal(visual.model.calls[1]?.images.length, 1);
  const prompt = visual.model.calls[1]?.promptText ?? '';
  assert.ok(prompt.includes(`${userLine} [image 1]\n  Assistant: A lovely Sunday routine.`), `the marker is on the user's photo line, not after the assistant's: ${prompt}`);
  visual.done();
});

test('after an unusable reply the next round says what was wrong with it, not only that nothing new was found', async () => {
  const kit = setup({
    replies: ['<think>hmm</think>', retrieve({ keywords: ['party'], start_time: 'last weekend', end_time: null }), '<answer>It was fun.</answer>'],
    recall: [[], []],
  });
  await kit.agent.respond({ userId: USER, text: 'How was the party?', at: AT });
  const second = kit.model.calls[1]!.promptText.split('assistant:').at(-1) ?? '';
  assert.match(second, /About your last reply: Your last reply had neither <answer> nor <retrieve>, so the search used the user's message\./);
  const third = kit.model.calls[2]!.promptText.split('assistant:').at(-1) ?? '';
  assert.match(third, /About your last reply: Your "start_time" "last weekend" is not a YYYY-MM-DD HH:MM time, so the search ran without it\./);
  assert.match(third, /No new memories were found/);
  kit.done();
});
