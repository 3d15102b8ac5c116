// A window of dialogue as a recall item: text as rendered, provenance of every turn in it, images to hand back.
import type { Window } from './select-windows.ts';
import type { RecallItem } from './types.ts';

/** Each image once, with the line of the turn that holds it. */
function windowImages(window: Window): Pick<RecallItem, 'imageSha256s' | 'imageLines'> {
  const lines = new Map<string, string>();
  for (const entry of window.turns) for (const sha of entry.turn.images) if (!lines.has(sha)) lines.set(sha, entry.line);
  return { imageSha256s: [...lines.keys()], imageLines: [...lines.values()] };
}

export function windowItem(window: Window, scoreOf: (index: number) => number): RecallItem {
  const first = window.turns[0]!;
  const best = Math.max(...window.turns.map((entry) => scoreOf(entry.index)));
  return {
    source: 'dialogue',
    id: first.turn.id,
    text: window.text,
    tokens: window.tokens,
    score: best,
    scoreParts: { rank: window.rank, turns: window.turns.length },
    at: first.turn.at,
    sourceTurnIds: window.turns.map((entry) => entry.turn.id),
    sourceRegions: [],
    ...windowImages(window),
  };
}
