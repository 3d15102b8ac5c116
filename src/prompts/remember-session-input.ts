// The input every per-session remember prompt renders: the closed session's turns, numbered, and the
// user's current profile and habits.
import type { ChatImage, ChatMessage } from '../model/ports.ts';
import { formatChanges, formatMemoryList, formatTurnLine, type PromptChange, type PromptMemory, type PromptTurn } from './remember-format.ts';

export interface SessionPromptInput {
  /** The session's turns in order; their position is the index the model cites. */
  turns: PromptTurn[];
  /** Live core profile entries (key = "name", "age", "occupation", "residence", "preferences", …). */
  core: PromptMemory[];
  /** Facts that replaced another since the profile was written: the fields they touch need their new value. */
  changes?: PromptChange[];
  /** Live procedural entries (key → one sentence). */
  procedural: PromptMemory[];
  /** Who the memory owner is, when the history names speakers (LoCoMo: both speakers are people). */
  ownerName: string | null;
  /** Photos of the session sent with the prompt, numbered as the turn lines cite them ([Image 1: …]). */
  images?: ChatImage[];
  /** IANA zone times are shown in; UTC when absent. */
  timeZone?: string;
}

export function sessionContextBlock(input: SessionPromptInput, sections: { core?: boolean; procedural?: boolean } = {}): string {
  const parts: string[] = [];
  if (input.ownerName) parts.push(`The user (the memory owner) is ${input.ownerName}.`);
  if (sections.core) parts.push(`Current user profile:\n${formatMemoryList(input.core, '(empty)')}`);
  if (sections.core && input.changes && input.changes.length > 0) parts.push(`Changed since this profile was written:\n${formatChanges(input.changes, input.timeZone).join('\n')}`);
  if (sections.procedural) parts.push(`Current habits and goals:\n${formatMemoryList(input.procedural, '(none)')}`);
  parts.push(`The session (turn index in brackets):\n${input.turns.map((t, i) => formatTurnLine(t, `[${i}]`, input.timeZone)).join('\n')}`);
  return parts.join('\n\n');
}

/** The user message of every session prompt: the context block, with the session's attached photos. */
export function sessionUserMessage(input: SessionPromptInput, sections: { core?: boolean; procedural?: boolean } = {}): ChatMessage {
  const images = input.images ?? [];
  return { role: 'user', content: sessionContextBlock(input, sections), ...(images.length > 0 ? { images } : {}) };
}
