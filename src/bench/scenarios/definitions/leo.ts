import type { Scenario } from '../scenario.ts';

export const leo: Scenario = {
  name: 'leo',
  about: 'an architecture student who travels, breaks up, changes diet, finishes his thesis and starts a job',
  history: 'history.jsonl',
  userId: 'leo',
  timeZone: 'UTC',
  responseFormat: 'json_schema',
  modelBrief: 'a good 7B vision-language model (Qwen2.5-VL-7B class), following the output format exactly',
  facts: [
    { id: 'name', says: 'his name is Leo', types: ['core', 'semantic'], match: [/\bLeo\b/i], expect: 'current' },
    { id: 'cat', says: 'he has a grey cat called Pixel', types: ['semantic'], match: [/Pixel/i], expect: 'current', undated: true },
    { id: 'flight', says: 'the boarding pass: KLM flight KL861 to Tokyo on 14 Apr', types: ['semantic'], match: [/KL ?861/i], expect: 'current', about: '2026-04-14' },
    { id: 'thesis-goal', says: 'the thesis goal is reached: retired', types: ['procedural'], match: [/thesis/i], unless: [/handed|submitted|finished|complete/i], expect: 'ended' },
    { id: 'thesis-done', says: 'he handed in his thesis on Sat 27 Jun', types: ['semantic'], match: [/thesis/i, /hand|submit|finish|complete/i], expect: 'current', about: '2026-06-27' },
    { id: 'job-now', says: 'he starts as a junior architect at MVRDV on Mon 29 Jun', types: ['semantic'], match: [/MVRDV/i], expect: 'current', about: '2026-06-29' },
    { id: 'vegetarian', says: 'being vegetarian is history', types: ['semantic', 'core'], match: [/vegetarian/i], unless: [/not|no longer|anymore|fish|pescatarian|stopped|used to/i], expect: 'ended' },
    { id: 'fish', says: 'he eats fish now', types: ['semantic', 'core'], match: [/fish|pescatarian/i], expect: 'current' },
    { id: 'girlfriend', says: 'Sofia as his girlfriend is history', types: ['semantic', 'core'], match: [/Sofia/i, /girlfriend|partner|dating|relationship/i], unless: [/broke|break|split|ex\b|ended|former|separat|single|no longer/i], expect: 'ended' },
    { id: 'breakup', says: 'he and Sofia broke up in the week of 27 Apr', types: ['semantic'], match: [/Sofia/i, /broke|split|ended|separat/i], expect: 'current', about: '2026-04-29' },
  ],
  questions: [
    { id: 'flight', text: 'Which flight did I take to Tokyo, and on what date?', at: '2026-07-15T18:00:00Z', reaches: [/KL ?861/i], answer: [/KL ?861/i, /14/] },
    { id: 'relationship', text: 'Am I seeing anyone at the moment?', at: '2026-07-15T21:00:00Z', reaches: [/Sofia/i], answer: [/broke up|single|not (currently )?(seeing|in a relationship)|no longer/i] },
    { id: 'diet', text: 'Suggest a dinner for tonight that fits my diet.', at: '2026-07-16T09:00:00Z', reaches: [/fish|pescatarian/i], answer: [/fish|salmon|cod|tuna|sushi|seafood|prawn|mackerel|trout/i] },
    { id: 'work-now', text: 'Where do I work now?', at: '2026-07-16T12:00:00Z', reaches: [/MVRDV/], answer: [/MVRDV/] },
    { id: 'thesis', text: 'Did I ever finish my thesis?', at: '2026-07-16T15:00:00Z', reaches: [/thesis/i], answer: [/yes|handed (it )?in|submitted|finished/i] },
  ],
};
