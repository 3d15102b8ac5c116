// A conversation history in a neutral shape: every importer (LoCoMo, Persona-MME, PersonaMem, JSONL) produces
// it, and one replay path (remember/ingest) stores it, so benchmarks exercise the same code users run.
import type { ImageInput } from './inputs.ts';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  speaker?: string;
  text: string;
  at: Date;
  images?: ImageInput[];
  /** The id the source gives the turn (LoCoMo "D1:3"). */
  externalId?: string;
  /** Where the turn was read from ("history.jsonl line 12"), for messages about it. */
  origin?: string;
}

export interface HistorySession {
  /** Stable key within the history ("session_1"): resuming an interrupted import skips what is stored. */
  key: string;
  turns: HistoryTurn[];
}

export interface History {
  /** Where it came from, for reports ("locomo:conv-26"). */
  source: string;
  sessions: HistorySession[];
}
