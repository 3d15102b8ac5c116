// Parsers of the remember-* prompts on the malformed outputs small models actually produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelOutputError } from '../errors/index.ts';
import { EventBus, type PersonaEvent } from '../memory/events.ts';
import { parseCoreOutput } from './remember-core.ts';
import { parseEpisodicOutput } from './remember-episodic.ts';
import { parsePersonalityOutput } from './remember-personality.ts';
import { parseProceduralOutput } from './remember-procedural.ts';
import { parseSemanticOutput } from './remember-semantic.ts';
import { parseRememberSessionOutput } from './remember-session.ts';
import { parseRememberTurnOutput } from './remember-turn.ts';

function bus() {
  const events = new EventBus();
  const seen: PersonaEvent[] = [];
  events.on((event) => seen.push(event));
  const repairs = () => seen.flatMap((e) => (e.type === 'warning' && e.code === 'model_output_repaired' ? (e.details as { repairs: { code: string }[] }).repairs.map((r) => r.code) : []));
  const codes = () => seen.map((e) => (e.type === 'warning' ? e.code : e.type));
  return { events, repairs, codes };
}

test('remember.turn: prose, fences, Python literals, string scores and out-of-range scores', () => {
  const { events, repairs } = bus();
  const output = parseRememberTurnOutput(
    "Sure, here is the analysis:\n```json\n{'personality': {'openness': '4', 'conscientiousness': 7, 'extraversion': 2.6, 'agreeableness': 3, 'neuroticism': None},\n 'memories': [{'reason': 'pet', 'decision': 'store', 'category': 'Image Object', 'key': 'Pet Dog', 'content': '[Max] (Image Object: dog)', 'keywords': 'dog, puppy', 'image': 1, 'box': [10, 20, 300, 200], 'explicit': True},]}\n```",
    events,
    1,
  );
  assert.deepEqual(output.personality, { openness: 4, conscientiousness: 5, extraversion: 3, agreeableness: 3, neuroticism: 3 });
  assert.deepEqual(output.memories, [
    { reason: 'pet', category: 'image_object', key: 'pet_dog', content: '[Max] (Image Object: dog)', keywords: ['dog', 'puppy'], when: null, image: { index: 0, box: { x: 10, y: 20, width: 300, height: 200 } } },
  ]);
  const codes = new Set(repairs());
  for (const code of ['code_fence', 'single_quotes', 'python_literals', 'trailing_commas', 'string_to_number', 'clamped', 'rounded', 'missing_field', 'string_to_list', 'schema_mismatch']) {
    assert.ok(codes.has(code), `${code} reported`);
  }
});

test('remember.turn: truncated output keeps complete memories, drops the cut one, and says so', () => {
  const { events, repairs } = bus();
  const output = parseRememberTurnOutput(
    '{"personality": {"openness": 3, "conscientiousness": 3, "extraversion": 4, "agreeableness": 3, "neuroticism": 3}, "memories": [{"decision": "store", "content": "User lives in Lyon.", "keywords": ["Lyon"]}, {"decision": "store", "content": "User works as a ba',
    events,
    0,
  );
  assert.deepEqual(output.memories.map((m) => m.content), ['User lives in Lyon.']);
  assert.ok(repairs().includes('truncated') && repairs().includes('dropped_item'));
  assert.equal(output.memories[0]!.category, 'fact');
});

test('remember.turn: skip decisions are dropped, a missing personality skips PEM, garbage is rejected', () => {
  const { events, codes } = bus();
  const output = parseRememberTurnOutput('{"memories": [{"decision": "skip", "content": "small talk"}]}', events, 0);
  assert.deepEqual(output, { personality: null, memories: [] });
  assert.throws(() => parseRememberTurnOutput('The user seems happy.', events, 0), ModelOutputError);
  assert.throws(() => parseRememberTurnOutput('{"personality": {"openness": "high"}, "memories": []}', events, 0), /not a score/);
  assert.throws(() => parseRememberTurnOutput('{"personality": {}, "memories": "none"}', events, 0), ModelOutputError);
  assert.deepEqual(codes(), ['model_output_repaired', 'model_output_rejected', 'model_output_rejected', 'model_output_rejected']);
});

test('remember.personality reads key-value lines; remember.semantic accepts a bare list', () => {
  const { events, repairs } = bus();
  assert.deepEqual(parsePersonalityOutput('Openness: 5\nConscientiousness: 2\nExtraversion: 3\nAgreeableness: 4\nNeuroticism: 1', events), {
    openness: 5,
    conscientiousness: 2,
    extraversion: 3,
    agreeableness: 4,
    neuroticism: 1,
  });
  assert.ok(repairs().includes('key_value_lines'));
  const memories = parseSemanticOutput('[{"content": "User dislikes cilantro.", "category": "dislike", "keywords": ["cilantro"]}]', events, 0);
  assert.equal(memories[0]?.category, 'dislike');
});

test('remember.session: out-of-range turn indices, a procedural object map, missing sections', () => {
  const { events, repairs } = bus();
  const output = parseRememberSessionOutput(
    '{"episodes": [{"summary": "Anna talked about running.", "keywords": ["running"], "turns": [0, "1", 9]}, {"keywords": ["x"]}], "procedural": {"morning_run": "User runs every morning."}, "core": {"identity": {"name": "Anna", "age": "unknown"}, "preferences": ["a","b","c","d","e","f","g","h"]}}',
    events,
    3,
  );
  assert.deepEqual(output.episodes, [{ summary: 'Anna talked about running.', keywords: ['running'], turnIndices: [0, 1] }]);
  assert.deepEqual(output.procedural, [{ key: 'morning_run', content: 'User runs every morning.' }]);
  assert.deepEqual(output.core, { identity: { name: 'Anna' }, preferences: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
  for (const code of ['dropped_item', 'object_to_list', 'truncated_list', 'string_to_number']) assert.ok(repairs().includes(code), code);

  const partial = parseRememberSessionOutput('{"episodes": []}', events, 3);
  assert.deepEqual(partial, { episodes: [], procedural: null, core: { identity: {}, preferences: null } }, 'missing sections change nothing');
  assert.throws(() => parseRememberSessionOutput('[1, 2]', events, 3), ModelOutputError);
});

test('paper session prompts: episodic, procedural (max 5) and core parse alone', () => {
  const { events } = bus();
  assert.equal(parseEpisodicOutput('{"topics": [{"topic_summary": "A.", "source_dialog_indices": [0]}]}', events, 1)[0]?.summary, 'A.');
  const six = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, content: `c${i}` }));
  assert.equal(parseProceduralOutput(JSON.stringify({ procedural: six }), events).length, 5);
  assert.throws(() => parseProceduralOutput('{"habits": null}', events), /must be rewritten/);
  assert.deepEqual(parseCoreOutput('{"identity": {"occupation": "nurse"}}', events), { identity: { occupation: 'nurse' }, preferences: null });
});
