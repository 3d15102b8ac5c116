// The reasoning prompt, later rounds: what a <retrieve> found, under the paper's three headings, each item with
// its time and weekday; the images of retrieved image memories ride on the message, numbered in item order.
import type { ChatImage, ChatMessage } from '../model/ports.ts';
import type { RecallSource } from '../memory/types.ts';
import { buildReasonFinalInstruction } from './reason-final.ts';
import { parseReasonOutput } from './reason-output.ts';

export const REASON_CONTINUE_PROMPT = { id: 'reason.continue', version: 2 } as const;

export interface ReasonRetrievedItem {
  source: RecallSource;
  text: string;
  at: Date | null;
  images?: ChatImage[];
  /** Per image, the line of `text` whose turn holds it: its marker goes on that line (null: at the end). */
  imageLines?: (string | null)[];
}

export interface ReasonContinueInput {
  items: ReasonRetrievedItem[];
  /** The retrieval was forced (force-retrieve mode) after the model answered without looking. */
  forced?: boolean;
  /** The next call is the last one: end with the final-round instruction instead of the invitation to continue. */
  final?: boolean;
  /** What was wrong with the model's last output and what was done about it (ReasonWarning.feedback). */
  feedback?: string[];
}

type Heading = 'Retrieved Procedural Memory' | 'Retrieved Semantic Memory' | 'Retrieved Dialogue';

// Episodic topics expand into the turns they summarise, so they read as dialogue; image-object and core
// memories are facts, so they read as semantic memory.
const HEADING: Record<RecallSource, Heading> = {
  procedural: 'Retrieved Procedural Memory',
  semantic: 'Retrieved Semantic Memory',
  core: 'Retrieved Semantic Memory',
  image: 'Retrieved Semantic Memory',
  episodic: 'Retrieved Dialogue',
  dialogue: 'Retrieved Dialogue',
};
const ORDER: Heading[] = ['Retrieved Procedural Memory', 'Retrieved Semantic Memory', 'Retrieved Dialogue'];

const FORCED_NOTE = 'Before you answer, check these memories, retrieved for the user input.';
const CONTINUE =
  'Continue: answer if this is enough, or retrieve again with other keywords or times. Do not ask again for what you already have.';
const NOTHING_NEW = 'No new memories were found for this search.';

/** The item's text with "[image k]" at the end of the line that holds each image (a photo's own turn). */
function markImages(item: ReasonRetrievedItem, firstImage: number): string {
  const lines = item.text.trim().split('\n');
  const trailing: number[] = [];
  (item.images ?? []).forEach((_, index) => {
    const number = firstImage + index;
    const at = item.imageLines?.[index] == null ? -1 : lines.indexOf(item.imageLines[index]!);
    if (at === -1) trailing.push(number);
    else lines[at] = `${lines[at]} [image ${number}]`;
  });
  const last = lines.length - 1;
  if (trailing.length > 0) {
    const marker = trailing.length === 1 ? `[image ${trailing[0]}]` : `[images ${trailing[0]}-${trailing.at(-1)}]`;
    lines[last] = `${lines[last]} ${marker}`;
  }
  return lines.join('\n');
}

function itemLine(item: ReasonRetrievedItem, firstImage: number): string {
  // Recall renders every item with its own time and weekday (a session header, or the memory's day), so the
  // text goes in as it is: a second stamp would only cost tokens. Indenting keeps multi-line windows in their bullet.
  return `- ${markImages(item, firstImage).replace(/\n/g, '\n  ')}`;
}

/** One user message, to follow the model's previous output. */
export function buildReasonContinuation(input: ReasonContinueInput): ChatMessage {
  const images: ChatImage[] = [];
  const grouped = new Map<Heading, string[]>();
  for (const heading of ORDER) {
    for (const item of input.items.filter((candidate) => HEADING[candidate.source] === heading)) {
      const lines = grouped.get(heading) ?? [];
      lines.push(itemLine(item, images.length + 1));
      grouped.set(heading, lines);
      images.push(...(item.images ?? []));
    }
  }
  const sections = ORDER.filter((heading) => grouped.has(heading)).map(
    (heading) => `${heading}:\n${(grouped.get(heading) ?? []).join('\n')}`,
  );
  const parts = [
    ...(input.feedback && input.feedback.length > 0 ? [`About your last reply: ${input.feedback.join(' ')}`] : []),
    ...(input.forced ? [FORCED_NOTE] : []),
    ...(sections.length > 0 ? sections : [NOTHING_NEW]),
    input.final ? buildReasonFinalInstruction() : CONTINUE,
  ];
  return { role: 'user', content: parts.join('\n\n'), ...(images.length > 0 ? { images } : {}) };
}

export const parseReasonContinuation = parseReasonOutput;
