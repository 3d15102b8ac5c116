// What the per-turn prompt shows as "Known memories": the user's live semantic memories ranked by recall's BM25
// (deps.memorySearch) against what the model reads of the turn (its words and its photos' notes), then, while
// slots are left, against the recent conversation the prompt shows beside it. The prompt tells the model not to
// re-extract the context, so what was just remembered from it must be visible: a stand-in model playing the update
// phase was shown "Risotto it is." without the brother's visit stored from the turn before, and keyed it anew.
import type { Memory, Turn } from '../memory/types.ts';
import { describePhotos } from '../memory/photo-notes.ts';
import type { RememberDeps } from './deps.ts';

/** The text a turn's memories are searched by: its words and the notes of its photos, as the prompt shows them. */
function searchText(turn: Turn): string {
  return [turn.text, ...describePhotos(turn)].join('\n');
}

/** Best matches of the turn first, then of the recent turns (newest words count as much as older ones), up to the limit. */
export async function knownMemories(deps: Pick<RememberDeps, 'memorySearch' | 'config'>, turn: Turn, recent: readonly Turn[]): Promise<Memory[]> {
  const limit = deps.config.relatedMemories;
  const own = await deps.memorySearch.related(turn.userId, { text: searchText(turn), types: ['semantic'], limit });
  if (own.length >= limit || recent.length === 0) return own;
  const context = await deps.memorySearch.related(turn.userId, { text: recent.map(searchText).join('\n'), types: ['semantic'], limit });
  const shown = new Set(own.map((memory) => memory.id));
  return [...own, ...context.filter((memory) => !shown.has(memory.id))].slice(0, limit);
}
