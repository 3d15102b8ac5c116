import type { Scenario } from '../scenario.ts';

// Recorded with a deliberately sloppy model and no structured output: code fences, prose around the JSON,
// trailing commas, a missing field now and then. The memory must still end up right, and every repair visible.
export const ines: Scenario = {
  name: 'ines',
  about: 'a nurse in San Diego (America/Los_Angeles) who changes shifts and photographs a prescription label',
  history: 'history.jsonl',
  userId: 'ines',
  timeZone: 'America/Los_Angeles',
  responseFormat: 'off',
  modelBrief: 'a sloppy small vision-language model (3B class): right content, messy format (fences, prose, trailing commas, a missing field)',
  facts: [
    { id: 'name', says: 'her name is Ines', types: ['core', 'semantic'], match: [/\bIn[eê]s\b/i], expect: 'current' },
    { id: 'nurse', says: 'she is a nurse at Mercy Hospital', types: ['semantic', 'core'], match: [/nurse/i], expect: 'current' },
    { id: 'day-shifts', says: 'she works day shifts since Mon 16 Nov', types: ['semantic', 'procedural'], match: [/day shift/i], expect: 'current', about: '2026-11-16' },
    { id: 'night-shifts', says: 'working night shifts is history', types: ['semantic', 'core', 'procedural'], match: [/night shift/i, /work|nurse|job/i], unless: [/day shift|switch|no longer|used to|former/i], expect: 'ended' },
    { id: 'dog', says: 'her dog Bolo is a border collie', types: ['semantic'], match: [/Bolo/i, /collie/i], expect: 'current', undated: true },
    { id: 'mom-birthday', says: "her mom's birthday is Fri 6 Nov", types: ['semantic'], match: [/birthday/i], expect: 'current', about: '2026-11-06' },
    { id: 'antibiotics', says: 'the label: amoxicillin, 1 capsule 3 times daily for 7 days', types: ['semantic'], match: [/amoxicillin|antibiotic/i, /3|three/i], expect: 'current' },
  ],
  questions: [
    { id: 'antibiotics', text: 'How often am I supposed to take my antibiotics?', at: '2026-11-25T20:00:00Z', reaches: [/3 times|three times/i], answer: [/3|three/i, /day|daily/i] },
    { id: 'shift-now', text: 'What shift am I working these days?', at: '2026-11-25T23:00:00Z', reaches: [/day shift/i], answer: [/day/i], notAnswer: [/you work night/i] },
    { id: 'mom-birthday', text: "When was my mom's birthday?", at: '2026-11-26T02:00:00Z', reaches: [/birthday/i], answer: [/6|Friday/i] },
    { id: 'dog-breed', text: 'What breed is Bolo?', at: '2026-11-26T05:00:00Z', reaches: [/collie/i], answer: [/border collie/i] },
  ],
};
