// What the model-based benchmarks need from the system under test: replay a history into a user's memory
// (the update phase, waited for), and answer a question as that user at a given time. The CLI builds one from
// the real agent and update phase; tests build one over a scripted model. Nothing here knows which.
import { ModelNotConfiguredError } from '../../errors/index.ts';
import type { History } from '../../memory/history.ts';
import type { ChatImage } from '../../model/ports.ts';

export interface RememberOptions {
  /** A profile the data set gives up front (Persona-MME `profile`): the official harness seeds the agent with it. */
  profile?: unknown;
}

export interface BenchQuestion {
  userId: string;
  text: string;
  /** The time of asking: the answer may only use what was remembered before it. */
  at: Date;
  images?: ChatImage[];
}

export interface BenchAnswer {
  text: string;
}

export interface BenchSubject {
  /**
   * Stores the history through the real ingest path and waits until the update phase has finished. Must be
   * idempotent per session key: a resumed run calls it again for a user whose questions are not all answered.
   */
  remember(userId: string, history: History, options?: RememberOptions): Promise<void>;
  /** Answers without storing the question or the answer: a benchmark question must not become a memory. */
  ask(question: BenchQuestion): Promise<BenchAnswer>;
}

/** The runners need a model; a missing one is an error that says how to configure it, never a silent skip. */
export function requireModel<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new ModelNotConfiguredError(
      what,
      'Pass --model-base-url and --model (an OpenAI-compatible endpoint such as Ollama at http://localhost:11434/v1) or set them in the configuration file; `personavlm doctor` checks the connection.',
    );
  }
  return value;
}
