// The response phase's ports and shapes: what the agent needs (injected by the composition root) and gives back.
import { defaults } from '../config/defaults.ts';
import type { EventBus, PersonaEvent } from '../memory/events.ts';
import type { RecallSource, RecallQuery, RecallResult } from '../retrieval/types.ts';
import type { ChatClient, ChatImage, ChatUsage } from '../model/ports.ts';
import type { RetrieveRequest } from '../prompts/reason-output.ts';
import type { MemoryStore } from '../store/memory-store.ts';

/** reason: think → retrieve → … → answer, up to maxRounds calls; one-shot: recall with the query, answer in one call. */
export type AgentMode = 'reason' | 'one-shot';

export interface AgentConfig {
  /** Model calls per answer, at most; the last one must answer (paper: 6). */
  maxRounds: number;
  /** Turns this recent are shown in full and left out of retrieval (paper: 60). */
  recentWindowMinutes: number;
  /** Token budget of each retrieval. */
  budgetTokens: number;
  /** Turn the model's first answer into a retrieval with the user's words (the paper's force-retrieve mode). */
  forceRetrieve: boolean;
  mode: AgentMode;
  /** At most this many recent turns are shown, the newest ones. */
  recentTurnLimit: number;
  /** IANA zone of the prompts' time stamps and weekdays and of <retrieve> times (memory.timeZone). */
  timeZone: string;
}

// The schema-backed settings come from config/defaults.ts; the rest tune this module.
export const AGENT_DEFAULTS: AgentConfig = {
  maxRounds: defaults.memory.maxRounds,
  recentWindowMinutes: defaults.memory.recentWindowMinutes,
  budgetTokens: defaults.memory.budgetTokens,
  forceRetrieve: false,
  mode: 'reason',
  recentTurnLimit: 40,
  timeZone: defaults.memory.timeZone,
};

export function agentConfig(partial: Partial<AgentConfig> = {}): AgentConfig {
  return { ...AGENT_DEFAULTS, ...partial };
}

export interface AgentDeps {
  /** null: no chat model; respond() throws ModelNotConfiguredError (never a silent fallback). */
  chat: ChatClient | null;
  store: MemoryStore;
  recall: (query: RecallQuery) => Promise<RecallResult>;
  events: EventBus;
  config: AgentConfig;
}

export interface RespondInput {
  userId: string;
  text: string;
  /** The images of the user's message, shown to the model and used as image queries. */
  images?: ChatImage[];
  at: Date;
  signal?: AbortSignal;
  /** The stored turn of this input: kept out of the recent conversation (the prompt shows it as the input). */
  currentTurnId?: string;
  /** Receives this run's events only (they also go to the shared bus). */
  onEvent?: (event: PersonaEvent) => void;
}

export interface ShownItem {
  source: RecallSource;
  id: string;
  at: Date | null;
  text: string;
  tokens: number;
  images: number;
}

/** One model call, for --show-steps, traces and benchmarks. */
export interface AgentStep {
  round: number;
  think: string | null;
  decision: 'answer' | 'retrieve';
  /** What was retrieved after this round (absent when it answered). */
  request?: RetrieveRequest;
  forced?: boolean;
  items?: ShownItem[];
}

export interface RespondResult {
  answer: string;
  /** Model calls made (≤ maxRounds). */
  calls: number;
  steps: AgentStep[];
  usage: ChatUsage;
}

export interface Agent {
  /** False when no chat model is configured. */
  readonly configured: boolean;
  /** Throws ModelNotConfiguredError when no chat model is configured; chat() calls it before storing anything. */
  assertConfigured(): void;
  respond(input: RespondInput): Promise<RespondResult>;
}
