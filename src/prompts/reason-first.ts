// The reasoning prompt, first round (PERSONAVLM.md § Response phase): who the user is, their personality and
// how to adapt to it, their habits, the recent conversation and the input, then think → answer or retrieve.
import type { BigFive, Role } from '../memory/types.ts';
import type { ChatImage, ChatMessage } from '../model/ports.ts';
import { alignmentInstructions, formatBigFive } from './reason-alignment.ts';
import { parseReasonOutput } from './reason-output.ts';
import { formatStamp } from '../memory/stamp.ts';
import { formatChanges, type PromptChange } from './remember-format.ts';

export const REASON_FIRST_PROMPT = { id: 'reason.first', version: 3 } as const;

export interface ReasonMemoryLine {
  /** core: the profile field; procedural: the habit key; may be null. Not shown: the content says it ("Name: Ann"). */
  key: string | null;
  /** As shown, including any outdated marker (memory/outdated.ts). */
  content: string;
}

export interface ReasonRecentTurn {
  role: Role;
  speaker: string | null;
  text: string;
  at: Date;
  /** What each of its photos holds (memory/photo-notes.ts). */
  photos: string[];
}

export interface ReasonFirstInput {
  profile: ReasonMemoryLine[];
  personality: BigFive;
  procedural: ReasonMemoryLine[];
  /** Facts that replaced another since the profile was written (memory/changes.ts), oldest first. */
  changes?: PromptChange[];
  recent: ReasonRecentTurn[];
  recentWindowMinutes: number;
  /** photos: what each attached image holds, when it was analysed (numbered as the attached images). */
  input: { text: string; at: Date; images?: ChatImage[]; photos?: string[] };
  /** Zone of the stamps' wall clock and weekday (memory.timeZone); default UTC. */
  timeZone?: string;
}

const SYSTEM = `You are a personal assistant with a long-term memory of this user. You work in rounds: in each round you either answer the user or retrieve memories about them.

Instructions:
1. Adapt to the user's personality: follow the response alignment notes for tone, level of detail and the kind of suggestions you make.
2. Weave what you know about the user (profile, habits, retrieved memories) into your reply naturally, only where it helps. Do not repeat back information from the recent conversation. Never invent facts about the user that you were not given.
3. Decide whether to answer or to retrieve: answer when what you have is enough; retrieve first when the reply depends on something about the user that is not in front of you (a past event, a preference, a person, an object in an earlier photo, a date).

Output format: first <think>your brief reasoning</think>, then exactly one of
<answer>your reply to the user</answer>
<retrieve>{"keywords": ["...", "..."], "start_time": null, "end_time": null}</retrieve>
In <retrieve>:
- "keywords": the people, places, things and topics to look for.
- "start_time" and "end_time": "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD" for whole days), only when the question is about a time ("last week", "in May"); otherwise null. Both ends are included. A memory is found when it was said in that period or is about something that happened in it.
- "types": leave it out to search everything. Add it only to search nothing but some kinds: any of "semantic", "episodic", "procedural", "dialogue", "image".
Facts change: "Changed since the profile was written" lists facts that replace what the profile may still say, and a memory marked [outdated since …: now "…"] was true before that date, the quoted text being what is true now. When memories disagree, trust the newest one that is not marked outdated.`;

const line = (entry: ReasonMemoryLine): string => `- ${entry.content}`;

function photosNote(photos: readonly string[], attached: boolean): string {
  return photos.map((note, index) => (attached ? ` [Image ${index + 1}: ${note}]` : ` [photo: ${note}]`)).join('');
}

function recentLine(turn: ReasonRecentTurn, timeZone: string | undefined): string {
  const who = turn.speaker ?? (turn.role === 'user' ? 'User' : 'Assistant');
  return `[${formatStamp(turn.at, timeZone)}] ${who}: ${turn.text}${photosNote(turn.photos, false)}`;
}

/** The input's photos: their notes when analysed, else just that images are attached. */
function inputPhotos(images: readonly ChatImage[], photos: readonly string[]): string {
  if (photos.length > 0) return photosNote(photos, images.length > 0);
  if (images.length === 0) return '';
  return images.length === 1 ? ' [1 image attached]' : ` [${images.length} images attached]`;
}

function section(title: string, lines: string[], empty: string): string {
  return `## ${title}\n${lines.length > 0 ? lines.join('\n') : empty}`;
}

/** [system, user]; the input's images ride on the user message. */
export function buildReasonFirst(input: ReasonFirstInput): ChatMessage[] {
  const images = input.input.images ?? [];
  const user = [
    section('User profile', input.profile.map(line), '(nothing known yet)'),
    ...(input.changes && input.changes.length > 0 ? [section('Changed since the profile was written', formatChanges(input.changes, input.timeZone), '')] : []),
    section(
      'Personality (Big Five, 1 to 5)',
      [formatBigFive(input.personality), 'Response alignment:', ...alignmentInstructions(input.personality)],
      '',
    ),
    section('Habits and goals', input.procedural.map(line), '(none known yet)'),
    section(`Recent conversation (last ${input.recentWindowMinutes} minutes)`, input.recent.map((turn) => recentLine(turn, input.timeZone)), '(none)'),
    section(`User input [${formatStamp(input.input.at, input.timeZone)}]`, [`${input.input.text}${inputPhotos(images, input.input.photos ?? [])}`], ''),
  ].join('\n\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user, ...(images.length > 0 ? { images } : {}) },
  ];
}

export const parseReasonFirst = parseReasonOutput;
