// A window of dialogue as a recall item: text as rendered, provenance of every turn in it, images to hand back.
import type { Window } from './select-windows.ts';
import type { RecallItem } from './types.ts';

/** Each image once, with the line of the turn that holds it. */
function windowImages(window: Window): Pick<RecallItem, 'imageSha256s' | 'imageLines'> {
  const lines = new Map<string, string>();
  window.turns.forEach((entry, position) => {
    for (const sha of entry.images) if (!lines.has(sha)) lines.set(sha, window.lines[position]!);
  });
  return { imageSha256s: [...lines.keys()], imageLines: [...lines.values()] };
}

/** replacedByOf: the ids of the current memories that replaced facts a turn states (none for most turns). */
export function windowItem(window: Window, scoreOf: (index: number) => number, replacedByOf: (turnId: string) => readonly string[] = () => []): RecallItem {
  const replacedBy = [...new Set(window.turns.flatMap((entry) => replacedByOf(entry.id)))];
  const first = window.turns[0]!;
  const best = Math.max(...window.turns.map((entry) => scoreOf(entry.index)));
  return {
    source: 'dialogue',
    id: first.id,
    text: window.text,
    tokens: window.tokens,
    score: best,
    scoreParts: { rank: window.rank, turns: window.turns.length },
    at: first.at,
    sourceTurnIds: window.turns.map((entry) => entry.id),
    sourceRegions: [],
    ...windowImages(window),
    ...(replacedBy.length > 0 ? { replacedBy } : {}),
  };
}
