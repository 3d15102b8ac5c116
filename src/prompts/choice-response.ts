// A PersonaMem question as the user asks it. The "question" is often not a question but something the user
// says ("I joined an online study group…"), and the options are candidate replies; the model picks the reply
// that fits this user best, which takes remembering them. Pinned for comparable runs.
import { buildChoiceQuestion, type ChoiceOptions } from './choice-question.ts';

export const choiceResponsePrompt = { id: 'choice-response', version: 1 } as const;

export function buildResponseChoice(message: string, options: ChoiceOptions): string {
  return buildChoiceQuestion(`${message}\n\nWhich of these replies would be the best response to me, given everything you know about me?`, options);
}
