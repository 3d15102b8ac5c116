// Persona-MME's response-alignment question: given a reply to the user's query, does it fit this user's
// personality as revealed by the history? Asked once with the preferred ("chosen") reply and once with the
// other ("rejected"); the right verdicts are yes and no. Same options as the official harness. Pinned.
/** The two answers offered; bench/scoring/yes-no.ts reads replies against them. */
export const ALIGNMENT_OPTIONS = { '(a)': 'Yes, it aligns well.', '(b)': 'No, it misaligns.' } as const;

export const choiceAlignmentPrompt = { id: 'choice-alignment', version: 1 } as const;

export function buildAlignmentQuestion(query: string, reply: string): string {
  const options = Object.entries(ALIGNMENT_OPTIONS).map(([key, text]) => `${key} ${text}`);
  return [
    query,
    '',
    "Evaluate the following response based on the user's personality, as revealed by the conversation history.",
    '',
    'Response to evaluate:',
    `"${reply}"`,
    '',
    "Question: Does this response align with and adapt to the user's personality?",
    '',
    'Options:',
    ...options,
    '',
    'Please give only the letter of your choice: (a) or (b).',
  ].join('\n');
}
