// The cost benchmark's model: a ScriptedChatModel whose every reply is chosen by the prompt it receives (which
// remember prompt, which turn, which session). Usage is reported in cl100k_base tokens: the prompt's are
// counted from the real rendered messages, the completion's from the scripted reply.
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { countTokens } from '../../retrieval/token-count.ts';
import { ScriptedChatModel, type RecordedModelCall, type ScriptedText } from '../../test/scripted-chat-model.ts';
import { coreOf, episodesOf, memoriesOf, personalityOf, proceduralOf, type SessionLine } from './remember-replies.ts';

/** Which remember prompt a call carries, by the first words of its system message (one per prompt file). */
const PURPOSES: [string, string][] = [
  ['Do two tasks on THE USER TURN', 'remember.turn'],
  ['A conversation session just ended', 'remember.session'],
  ['You analyse one message of a user', 'remember.personality'],
  ['You maintain the long-term memory of a personal assistant.', 'remember.semantic'],
  ['You write the episodic memory', 'remember.episodic'],
  ['You maintain the procedural memory', 'remember.procedural'],
  ['You maintain the user profile', 'remember.core'],
];

export function purposeOf(call: RecordedModelCall): string {
  const found = PURPOSES.find(([marker]) => call.promptText.includes(marker));
  if (!found) throw new Error(`scripted remember model: not a remember prompt (starts: ${call.promptText.slice(0, 120)})`);
  return found[1];
}

export function promptTokens(prompt: LanguageModelV4Prompt): number {
  let total = 0;
  for (const message of prompt) {
    if (typeof message.content === 'string') total += countTokens(message.content);
    else for (const part of message.content) if (part.type === 'text') total += countTokens(part.text);
  }
  return total;
}

const LINE = /^(?:\[\d+\] )?\[[^\]]*\] (.+?)(?: \((?:user|assistant)\))?: (.*)$/;

function parseLine(line: string): SessionLine | null {
  const match = LINE.exec(line);
  return match ? { speaker: match[1]!, text: match[2]! } : null;
}

function section(text: string, marker: string): string[] {
  const start = text.indexOf(marker);
  return start < 0 ? [] : text.slice(start + marker.length).split('\n\n')[0]!.split('\n');
}

function turnReply(purpose: string, text: string): string {
  const turn = parseLine(section(text, 'THE USER TURN TO ANALYSE:\n')[0] ?? '');
  if (!turn) throw new Error('scripted remember model: the turn prompt has no user turn line');
  const personality = personalityOf(turn.text);
  const memories = memoriesOf(turn.speaker, turn.text);
  if (purpose === 'remember.personality') return JSON.stringify(personality);
  if (purpose === 'remember.semantic') return JSON.stringify({ memories });
  // Compact JSON in every reply, so the two budgets' completion tokens differ by content, not by formatting.
  return JSON.stringify({ personality, memories });
}

function sessionReply(purpose: string, text: string): string {
  const lines = section(text, 'The session (turn index in brackets):\n').map(parseLine).filter((line): line is SessionLine => line !== null);
  const owner = /The user \(the memory owner\) is (.+)\./.exec(text)?.[1] ?? 'User';
  const episodes = episodesOf(owner, lines);
  const procedural = proceduralOf(owner, lines);
  const core = coreOf(owner, lines);
  if (purpose === 'remember.episodic') return JSON.stringify({ episodes });
  if (purpose === 'remember.procedural') return JSON.stringify({ procedural });
  if (purpose === 'remember.core') return JSON.stringify(core);
  return JSON.stringify({ episodes, procedural, core });
}

export function rememberReply(call: RecordedModelCall): ScriptedText {
  const purpose = purposeOf(call);
  const isTurn = ['remember.turn', 'remember.personality', 'remember.semantic'].includes(purpose);
  const text = isTurn ? turnReply(purpose, call.promptText) : sessionReply(purpose, call.promptText);
  return { text, usage: { inputTokens: promptTokens(call.prompt), outputTokens: countTokens(text) } };
}

/** A model scripted for `calls` remember calls; one more throws, as every scripted double does. */
export function scriptedRememberModel(calls: number): ScriptedChatModel {
  return new ScriptedChatModel(Array.from({ length: calls }, () => rememberReply), { modelId: 'scripted-remember' });
}
