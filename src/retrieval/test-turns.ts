// Builds Turn rows in memory for the pure ranking tests (no store): enriched like the ingest path does.
import { enrichText } from '../enrichment/enrich-text.ts';
import type { Turn } from '../memory/types.ts';
import { TurnCorpus } from './turn-corpus.ts';

export interface TurnSpec {
  session: string;
  speaker: string;
  text: string;
  at: string;
  caption?: string;
}

export function makeTurns(specs: readonly TurnSpec[]): Turn[] {
  return specs.map((spec, index) => {
    const at = new Date(spec.at);
    const enrichment = { ...enrichText(spec.text, at), imageText: spec.caption ?? '' };
    return {
      userId: 'u1',
      id: `t${index + 1}`,
      sessionId: spec.session,
      seq: index + 1,
      role: spec.speaker === 'Ann' ? 'user' : 'assistant',
      speaker: spec.speaker,
      text: spec.text,
      at,
      images: [],
      externalId: null,
      metadata: spec.caption ? { imageCaptions: [spec.caption] } : {},
      enrichment,
    };
  });
}

export function corpusOf(specs: readonly TurnSpec[]): TurnCorpus {
  const corpus = new TurnCorpus();
  for (const turn of makeTurns(specs)) corpus.add(turn);
  return corpus;
}
