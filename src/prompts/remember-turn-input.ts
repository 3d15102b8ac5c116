// The input every per-turn remember prompt renders: the turn, a little context, what is already known.
import type { BigFive } from '../memory/types.ts';
import { formatPersonality } from '../memory/pem.ts';
import type { ChatImage } from '../model/ports.ts';
import { formatStamp } from '../memory/stamp.ts';
import { formatMemoryList, formatTurnLine, type PromptMemory, type PromptTurn } from './remember-format.ts';

export interface TurnPromptInput {
  turn: PromptTurn;
  /** Earlier turns of the same session, oldest first: context only, never a source of memories. */
  recent: PromptTurn[];
  /** The user's live semantic memories most related to the turn, so the model reuses their keys. */
  related: PromptMemory[];
  personality: BigFive;
  /** Images attached to the turn, sent as image parts, in order (Image 1, Image 2, …). */
  images: ChatImage[];
  /** Width and height of each image, so region boxes can be given in pixels. */
  imageSizes: { width: number; height: number }[];
  /** Per image, the persons recognised in it by face ("Alice (person-1)"), so memories can name them. */
  imagePeople?: string[][];
  /** IANA zone times are shown in (the deployment's memory.timeZone); UTC when absent. */
  timeZone?: string;
}

export function turnContextBlock(input: TurnPromptInput): string {
  const parts = [
    `Current time: ${formatStamp(input.turn.at, input.timeZone)}`,
    `Current personality estimate: ${formatPersonality(input.personality)}`,
    `Recent conversation (context only):\n${input.recent.length > 0 ? input.recent.map((t) => formatTurnLine(t, undefined, input.timeZone)).join('\n') : '(none)'}`,
    `Known memories about the user:\n${formatMemoryList(input.related, '(none)')}`,
    `THE USER TURN TO ANALYSE:\n${formatTurnLine(input.turn, undefined, input.timeZone)}`,
  ];
  if (input.images.length > 0) {
    const sizes = input.imageSizes.map((s, i) => {
      const people = input.imagePeople?.[i] ?? [];
      return `Image ${i + 1}: ${s.width}x${s.height} px${people.length > 0 ? `, people recognised by face: ${people.join(', ')}` : ''}`;
    });
    parts.push(`Attached images (in order): ${sizes.join('; ')}`);
    if (sizes.some((_, i) => (input.imagePeople?.[i] ?? []).length > 0)) {
      parts.push('When a memory is about a recognised person, name them as given (their name, or their person id if unnamed).');
    }
  }
  return parts.join('\n\n');
}
