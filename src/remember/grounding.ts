// Grounding check on extracted memories: the prompt forbids inventing, and this catches the plain failures
// (a memory whose content and keywords share no content word with the turn; keywords count so that a fair
// paraphrase, "vegetarian" for "I don't eat meat" with keyword "meat", survives). Dropped items are reported, never kept silently.
import { contentTokens } from '../memory/supersession-text.ts';
import type { Turn } from '../memory/types.ts';
import type { SemanticDraft } from '../prompts/remember-semantic.ts';
import type { RememberDeps } from './deps.ts';

export function groundedDrafts(deps: RememberDeps, turn: Turn, drafts: SemanticDraft[]): SemanticDraft[] {
  const source = contentTokens([turn.text, turn.enrichment?.imageText ?? ''].join(' '));
  return drafts.filter((draft) => {
    // An image object is grounded in pixels the text need not mention.
    if (draft.category === 'image_object' && draft.image !== null) return true;
    const words = contentTokens([draft.content, ...draft.keywords].join(' '));
    for (const word of words) if (source.has(word)) return true;
    deps.events.warn('memory_ungrounded', `Dropped a memory that shares no word with turn ${turn.id}: "${draft.content}"`, {
      turnId: turn.id,
      content: draft.content,
    });
    return false;
  });
}
