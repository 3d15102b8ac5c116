// One retrieval of the loop: recall, leave out what earlier rounds already showed, load the images of image
// memories so they go back to the model, and report what was found.
import type { ChatImage } from '../model/ports.ts';
import type { ReasonRetrievedItem } from '../prompts/reason-continue.ts';
import type { RetrieveRequest } from '../prompts/reason-output.ts';
import type { RecallItem, RecallQuery, RecallResult } from '../retrieval/types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { ShownItem } from './agent-types.ts';
import { loadStoredImage } from './load-image.ts';
import type { RunEvents } from './run-events.ts';

/** What the run has shown the model so far; later retrievals skip it. */
export interface ShownState {
  itemKeys: Set<string>;
  imageShas: Set<string>;
  /** The recent window, the input's own turn, and dialogue already shown. */
  excludeTurnIds: Set<string>;
}

export interface RetrieveContext {
  store: MemoryStore;
  recall: (query: RecallQuery) => Promise<RecallResult>;
  events: RunEvents;
  shown: ShownState;
  userId: string;
  text: string;
  images: ChatImage[];
  at: Date;
  budgetTokens: number;
}

const keyOf = (item: RecallItem): string => `${item.source}:${item.id}`;

// Words that ask about what a photo looked like: then the photos of retrieved dialogue go back as images too.
const ASKS_ABOUT_PICTURES = /\b(photos?|pictures?|pics?|images?|screenshots?|selfies?|looks?|looked|see|saw|seen|show(ed|n)?|colou?rs?|wear(ing)?|wore)\b/i;

/**
 * Whether the pixels of retrieved DIALOGUE photos go back to the model: only for a question about pictures (it
 * carries an image, asks for image memories, or talks about a photo). Every photo's note (its text, objects,
 * people) is in the dialogue line anyway, so "where do I work now?" does not resend last month's receipt.
 * Image memories (an object in a photo) always bring their image.
 */
function wantsPictures(context: RetrieveContext, request: RetrieveRequest): boolean {
  if (context.images.length > 0 || request.types?.includes('image')) return true;
  return ASKS_ABOUT_PICTURES.test([context.text, ...request.keywords].join(' '));
}

function loadImage(context: RetrieveContext, sha256: string): Promise<ChatImage | null> {
  return loadStoredImage(context.store, context.userId, sha256, () =>
    context.events.warn('retrieved_image_missing', `Image ${sha256} of a retrieved memory is not in the store; the memory was shown without it.`, { sha256 }),
  );
}

export async function retrieveMemories(
  context: RetrieveContext,
  request: RetrieveRequest,
  forced: boolean,
): Promise<{ items: ReasonRetrievedItem[]; shown: ShownItem[] }> {
  const { shown } = context;
  const range = request.range
    ? { from: request.range.from?.toISOString() ?? null, to: request.range.to?.toISOString() ?? null }
    : null;
  context.events.emit({ type: 'retrieval.started', keywords: request.keywords, range, types: request.types, forced });
  const result = await context.recall({
    userId: context.userId,
    query: context.text,
    keywords: request.keywords,
    ...(context.images.length > 0 ? { images: context.images } : {}),
    at: context.at,
    ...(request.range ? { timeRange: request.range } : {}),
    ...(request.types ? { types: request.types } : {}),
    budgetTokens: context.budgetTokens,
    excludeTurnIds: [...shown.excludeTurnIds],
  });
  const fresh = result.items.filter((item) => !shown.itemKeys.has(keyOf(item)));
  const items: ReasonRetrievedItem[] = [];
  const report: ShownItem[] = [];
  const pictures = wantsPictures(context, request);
  for (const item of fresh) {
    shown.itemKeys.add(keyOf(item));
    if (item.source === 'dialogue') for (const id of item.sourceTurnIds) shown.excludeTurnIds.add(id);
    const images: ChatImage[] = [];
    const imageLines: (string | null)[] = [];
    if (item.source !== 'dialogue' || pictures) {
      for (const [index, sha] of item.imageSha256s.entries()) {
        if (shown.imageShas.has(sha)) continue;
        shown.imageShas.add(sha);
        const image = await loadImage(context, sha);
        if (!image) continue;
        images.push(image);
        imageLines.push(item.imageLines?.[index] ?? null);
      }
    }
    items.push({ source: item.source, text: item.text, at: item.at, images, imageLines });
    report.push({ source: item.source, id: item.id, at: item.at, text: item.text, tokens: item.tokens, images: images.length });
  }
  const tokens = fresh.reduce((sum, item) => sum + item.tokens, 0);
  context.events.emit({
    type: 'retrieval.items',
    count: fresh.length,
    tokens,
    skipped: result.items.length - fresh.length,
    items: report.map((item) => ({ ...item, at: item.at?.toISOString() ?? null })),
  });
  return { items, shown: report };
}
