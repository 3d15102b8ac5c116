// The input every per-turn remember prompt renders: the turn, a little context, what is already known.
import type { BigFive } from '../memory/types.ts';
import type { ChatImage } from '../model/ports.ts';
import { formatMemoryList, formatPromptTime, formatTraits, formatTurnLine, type PromptMemory, type PromptTurn } from './remember-format.ts';

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
  /** IANA zone times are shown in (the deployment's memory.timeZone); UTC when absent. */
  timeZone?: string;
}

export function turnContextBlock(input: TurnPromptInput): string {
  const parts = [
    `Current time: ${formatPromptTime(input.turn.at, input.timeZone)}`,
    `Current personality estimate: ${formatTraits(input.personality)}`,
    `Recent conversation (context only):\n${input.recent.length > 0 ? input.recent.map((t) => formatTurnLine(t, undefined, input.timeZone)).join('\n') : '(none)'}`,
    `Known memories about the user:\n${formatMemoryList(input.related, '(none)')}`,
    `THE USER TURN TO ANALYSE:\n${formatTurnLine(input.turn, undefined, input.timeZone)}`,
  ];
  if (input.images.length > 0) {
    const sizes = input.imageSizes.map((s, i) => `Image ${i + 1}: ${s.width}x${s.height} px`).join('; ');
    parts.push(`Attached images (in order): ${sizes}`);
  }
  return parts.join('\n\n');
}
