// Snapshot of every rendered remember-* prompt, committed under __snapshots__/: a change to what the model
// receives shows up in review. Regenerate deliberately with UPDATE_PROMPT_SNAPSHOTS=1.
import { test } from 'node:test';
import { matchPromptSnapshot, renderPromptMessages as render } from './test-support/snapshot.ts';
import { buildCorePrompt, rememberCorePrompt } from './remember-core.ts';
import { buildEpisodicPrompt, rememberEpisodicPrompt } from './remember-episodic.ts';
import { buildPersonalityPrompt, rememberPersonalityPrompt } from './remember-personality.ts';
import { buildProceduralPrompt, rememberProceduralPrompt } from './remember-procedural.ts';
import { buildSemanticPrompt, rememberSemanticPrompt } from './remember-semantic.ts';
import { buildRememberSessionPrompt, rememberSessionPrompt } from './remember-session.ts';
import type { SessionPromptInput } from './remember-session-input.ts';
import { buildRememberTurnPrompt, rememberTurnPrompt } from './remember-turn.ts';
import type { TurnPromptInput } from './remember-turn-input.ts';

const turnInput: TurnPromptInput = {
  turn: {
    role: 'user', speaker: null, text: 'This is Max, my new puppy! I walk him every morning before work.', at: new Date('2024-03-04T08:15:00Z'),
    photos: [{ note: 'text: "MAX" | objects: brown dog, red leash', image: 1 }],
  },
  recent: [
    { role: 'user', speaker: null, text: 'Guess what I got yesterday', at: new Date('2024-03-04T08:10:00Z'), photos: [{ note: 'text: "PET SHOP receipt Puppy food 12.99"' }] },
    { role: 'assistant', speaker: null, text: 'Tell me!', at: new Date('2024-03-04T08:11:00Z') },
  ],
  related: [{ key: 'pet.cat', content: 'User has a cat named Luna.' }],
  personality: { openness: 3.42, conscientiousness: 3, extraversion: 2.95, agreeableness: 3, neuroticism: 3.5 },
  images: [{ bytes: new Uint8Array([1, 2, 3]), mime: 'image/jpeg' }],
  imageSizes: [{ width: 1024, height: 768 }],
};

const sessionInput: SessionPromptInput = {
  turns: [
    { role: 'user', speaker: 'Caroline', text: 'I went to a LGBTQ support group yesterday.', at: new Date('2023-05-08T13:56:00Z'), photos: [{ note: 'a poster | text: "PRIDE GROUP Sundays 4 pm" | people: Melanie', image: 1 }] },
    { role: 'assistant', speaker: 'Melanie', text: 'That is great! How was it?', at: new Date('2023-05-08T13:56:10Z'), photos: [{ note: 'a photo of a painting' }] },
  ],
  images: [{ bytes: new Uint8Array([4, 5, 6]), mime: 'image/png' }],
  core: [{ key: null, content: 'Name: Caroline' }, { key: null, content: 'Residence: Boston' }],
  changes: [{ at: new Date('2023-05-08T13:50:00Z'), previous: 'Caroline lives in Boston.', current: 'Caroline moved to New York.' }],
  procedural: [{ key: 'weekly_group', content: 'Caroline attends a support group every Sunday.' }],
  ownerName: 'Caroline',
};

const cases: [{ id: string; version: number }, string][] = [
  [rememberTurnPrompt, render(buildRememberTurnPrompt(turnInput))],
  [rememberPersonalityPrompt, render(buildPersonalityPrompt(turnInput))],
  [rememberSemanticPrompt, render(buildSemanticPrompt(turnInput))],
  [rememberSessionPrompt, render(buildRememberSessionPrompt(sessionInput))],
  [rememberEpisodicPrompt, render(buildEpisodicPrompt(sessionInput))],
  [rememberProceduralPrompt, render(buildProceduralPrompt(sessionInput))],
  [rememberCorePrompt, render(buildCorePrompt(sessionInput))],
];

for (const [prompt, rendered] of cases) {
  test(`prompt ${prompt.id}@${prompt.version} renders as its snapshot`, () => matchPromptSnapshot(`${prompt.id}.v${prompt.version}`, rendered));
}
