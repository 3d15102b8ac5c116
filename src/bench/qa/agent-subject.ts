// The real system as a BenchSubject: remember = the update phase's ingestHistory (drained, so every memory is
// written before the first question), ask = the agent's respond(), which answers without storing anything.
import type { Agent } from '../../agent/agent-types.ts';
import type { RememberDeps } from '../../remember/deps.ts';
import { ingestHistory, type IngestSummary } from '../../remember/ingest.ts';
import { seedProfile } from './seed-profile.ts';
import type { BenchSubject } from './subject.ts';

export interface AgentSubjectDeps {
  agent: Pick<Agent, 'respond' | 'assertConfigured'>;
  remember: RememberDeps;
  /** Called after each replay, e.g. to print progress or failed update jobs. */
  onIngested?: (summary: IngestSummary) => void;
}

export function createAgentSubject(deps: AgentSubjectDeps): BenchSubject {
  return {
    async remember(userId, history, options) {
      // Before any work: a benchmark without a model must fail at once, not after an hour of replay.
      deps.agent.assertConfigured();
      if (options?.profile !== undefined) await seedProfile(deps.remember.store, userId, options.profile);
      const summary = await ingestHistory(deps.remember, userId, history, { drain: true });
      deps.onIngested?.(summary);
    },
    async ask(question) {
      const result = await deps.agent.respond({ userId: question.userId, text: question.text, at: question.at, ...(question.images ? { images: question.images } : {}) });
      return { text: result.answer };
    },
  };
}
