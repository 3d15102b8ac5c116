// The verdict of an alignment question ("does this reply fit me?"), asked with the options
// "(a) Yes, it aligns well." and "(b) No, it misaligns." as the official Persona-MME harness does. A reply may
// pick the letter or just say yes or no; a reply that says both, or neither, has no verdict.
import { ALIGNMENT_OPTIONS } from '../../prompts/choice-alignment.ts';
import { extractChoice } from './choice-letter.ts';

export interface YesNoExtraction {
  answer: 'yes' | 'no' | null;
  reason: string;
}


const LETTER_VERDICT: Record<string, 'yes' | 'no'> = { a: 'yes', b: 'no' };

export function extractYesNo(reply: string): YesNoExtraction {
  const choice = extractChoice(reply, ['a', 'b'], ALIGNMENT_OPTIONS);
  if (choice.letter) return { answer: LETTER_VERDICT[choice.letter]!, reason: `letter (${choice.letter}) by ${choice.reason}` };
  if (choice.reason.startsWith('ambiguous')) return { answer: null, reason: choice.reason };
  const text = reply.replace(/<think>[\s\S]*?<\/think>/gi, ' ').toLowerCase();
  const yes = /\b(yes|aligns? well|it aligns|does align|fits? (?:you|me) well)\b/.test(text);
  const no = /\b(no|not align|doesn'?t align|does not align|misaligns?|doesn'?t fit|does not fit)\b/.test(text);
  if (yes && !no) return { answer: 'yes', reason: 'yes word' };
  if (no && !yes) return { answer: 'no', reason: 'no word' };
  return { answer: null, reason: yes ? 'ambiguous: says both yes and no' : 'no yes/no verdict found' };
}
