// A per-user in-memory view of the dialogue for ranking: turns in seq order with their session positions,
// rendered lines, token costs and a BM25 index. Why in memory rather than Postgres ts_rank: ts_rank and
// ts_rank_cd have no inverse document frequency and no length normalization, so a common word counts as much
// as a rare name; BM25 needs corpus statistics that Postgres does not keep. The view is built from the store
// and extended incrementally by turn seq, so its cost is paid once per user, not per query.
import type { ResolvedDate, Turn } from '../memory/types.ts';
import { BM25_DEFAULTS, Bm25Index, type Bm25Options } from './bm25.ts';
import { renderTurnLine } from './render.ts';
import { captionsOf, describePhotos } from '../memory/photo-notes.ts';
import { bigrams, lexicalTerms, stem, stemAll } from './terms.ts';
import { countTokens } from './token-count.ts';

export interface IndexedTurn {
  turn: Turn;
  /** Position in the corpus (seq order). */
  index: number;
  /** Ordinal of the turn's session in the corpus, and the turn's position inside it. */
  sessionOrdinal: number;
  position: number;
  imageText: string;
  line: string;
  lineTokens: number;
  /** Lowercased speaker name, for matching names in questions. */
  speakerKey: string | null;
  dates: ResolvedDate[];
  /** Single-word terms of the text and image text, for query expansion from the best turns. */
  terms: string[];
}

/** What search reads of a turn's images: enrichment's imageText (OCR, tags, captions), else the captions. */
export function imageTextOf(turn: Turn): string {
  return turn.enrichment?.imageText || captionsOf(turn).join('; ');
}

type TurnReading = Pick<IndexedTurn, 'imageText' | 'line' | 'lineTokens' | 'dates' | 'terms'> & {
  /** The BM25 document: the words and image words, and the bigrams of each (not kept: it is rebuilt on replace). */
  document: string[];
};

/** What the corpus reads of a turn's words and photos; read again when its enrichment changes. */
function readTurn(turn: Turn): TurnReading {
  const imageText = imageTextOf(turn);
  // What the prompt shows of the photos: each one's caption, text read in it, objects and people (photo-notes.ts).
  const line = renderTurnLine(turn, describePhotos(turn).join('; '));
  const textTerms = turn.enrichment ? stemAll(turn.enrichment.lemmas) : lexicalTerms(turn.text);
  const imageTerms = lexicalTerms(imageText);
  return {
    imageText, line, lineTokens: countTokens(line), dates: turn.enrichment?.dates ?? [], terms: [...textTerms, ...imageTerms],
    document: [...textTerms, ...imageTerms, ...bigrams(textTerms), ...bigrams(imageTerms)],
  };
}

export class TurnCorpus {
  readonly turns: IndexedTurn[] = [];
  readonly byId = new Map<string, IndexedTurn>();
  readonly sessions: IndexedTurn[][] = [];
  readonly lexical: Bm25Index<number>;
  /** Stems of speakers' first and full names to the speaker key. */
  readonly speakerNames = new Map<string, string>();
  readonly #sessionOrdinals = new Map<string, number>();
  /** Highest seq indexed; store seqs start at 1. */
  lastSeq = 0;

  constructor(bm25: Bm25Options = BM25_DEFAULTS) {
    this.lexical = new Bm25Index<number>(bm25);
  }

  add(turn: Turn): void {
    if (turn.seq <= this.lastSeq) return;
    this.lastSeq = turn.seq;
    let ordinal = this.#sessionOrdinals.get(turn.sessionId);
    if (ordinal === undefined) {
      ordinal = this.sessions.length;
      this.#sessionOrdinals.set(turn.sessionId, ordinal);
      this.sessions.push([]);
    }
    const session = this.sessions[ordinal]!;
    const speakerKey = turn.speaker ? turn.speaker.toLowerCase() : null;
    const { document, ...read } = readTurn(turn);
    const indexed: IndexedTurn = { turn, index: this.turns.length, sessionOrdinal: ordinal, position: session.length, speakerKey, ...read };
    this.turns.push(indexed);
    this.byId.set(turn.id, indexed);
    session.push(indexed);
    this.lexical.add(indexed.index, document);
    this.#addSpeaker(speakerKey);
  }

  /**
   * Re-reads a turn already indexed whose enrichment changed after it was stored (its photos' OCR and objects
   * landed, a person was named): its line, dates and terms, and its BM25 document. Unknown turns are ignored.
   */
  replace(turn: Turn): void {
    const indexed = this.byId.get(turn.id);
    if (!indexed) return;
    const before = readTurn(indexed.turn).document;
    const { document, ...read } = readTurn(turn);
    Object.assign(indexed, { turn, ...read });
    this.lexical.replace(indexed.index, before, document);
  }

  #addSpeaker(speakerKey: string | null): void {
    if (speakerKey) {
      // Keyed by stem, the form query terms take.
      this.speakerNames.set(stem(speakerKey), speakerKey);
      const first = speakerKey.split(/\s+/)[0];
      if (first) this.speakerNames.set(stem(first), speakerKey);
    }
  }
}
