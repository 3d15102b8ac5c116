// A multiple-choice benchmark question as the user asks it: the question, the lettered options, and the
// request for one letter. The assistant answers it through its normal reasoning path, memory included, as the
// official Persona-MME harness does (it appends the options to the user's query). Pinned for comparable runs.
export const choiceQuestionPrompt = { id: 'choice-question', version: 1 } as const;

/** Options keyed by letter ("a") or by bracketed letter ("(a)"), in display order. */
export type ChoiceOptions = Readonly<Record<string, string>>;

const bracket = (key: string): string => `(${key.replace(/[()]/g, '').toLowerCase()})`;

export function buildChoiceQuestion(query: string, options: ChoiceOptions): string {
  const keys = Object.keys(options);
  const lines = keys.map((key) => `${bracket(key)} ${options[key]}`);
  const letters = keys.map(bracket);
  const list = letters.length > 1 ? `${letters.slice(0, -1).join(', ')} or ${letters.at(-1)}` : (letters[0] ?? '');
  return `${query}\n\nOptions:\n${lines.join('\n')}\n\nPlease give your final answer as one letter: ${list}.`;
}
