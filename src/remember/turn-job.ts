// The per-turn update job: one model call in the fixed budget (remember.turn), two in the paper budget
// (remember.personality + remember.semantic). The model runs first; the writes (PEM point, consolidated
// semantic memories) are returned as a plan the worker applies in the job's completing transaction.
import type { Job, Turn } from '../memory/types.ts';
import { evolvePersonality, initialPersonality } from '../memory/pem.ts';
import { buildPersonalityPrompt, parsePersonalityOutput, rememberPersonalityPrompt } from '../prompts/remember-personality.ts';
import { buildSemanticPrompt, parseSemanticOutput, rememberSemanticPrompt } from '../prompts/remember-semantic.ts';
import { buildRememberTurnPrompt, parseRememberTurnOutput, rememberTurnPrompt, type RememberTurnOutput } from '../prompts/remember-turn.ts';
import type { TurnPromptInput } from '../prompts/remember-turn-input.ts';
import { callModel } from './budget.ts';
import type { RememberDeps } from './deps.ts';
import { groundedDrafts } from './grounding.ts';
import { emptyOutcome, loadTurnImages, NOTHING_TO_DO, promptTurn, type JobPlan } from './job-context.ts';
import { regionCrops } from './image-vectors.ts';
import { memoryEventTime } from './memory-period.ts';
import { applySemanticDrafts, relatedToDrafts } from './semantic-effects.ts';
import { knownMemories } from './known-memories.ts';
import type { SemanticDraft } from '../prompts/remember-semantic.ts';
import type { Period } from '../memory/types.ts';

async function promptInput(deps: RememberDeps, turn: Turn): Promise<TurnPromptInput> {
  const { store, config } = deps;
  // The N turns BEFORE the analysed one: later turns of the session may already be stored (ingest, a lagging worker).
  const recent = (await store.turns.list(turn.userId, { sessionId: turn.sessionId, beforeSeq: turn.seq, order: 'desc', limit: config.contextTurns })).reverse();
  const related = await knownMemories(deps, turn, recent);
  const latest = await store.personality.latest(turn.userId);
  const { images, sizes, people, numbers } = await loadTurnImages(store, turn);
  return {
    turn: promptTurn(turn, numbers),
    recent: recent.map((earlier) => promptTurn(earlier)),
    related: related.map((m) => ({ key: m.key, content: m.content })),
    personality: latest?.traits ?? initialPersonality(),
    images,
    imageSizes: sizes,
    imagePeople: people,
    timeZone: config.timeZone,
  };
}

async function askModel(deps: RememberDeps, input: TurnPromptInput, signal: AbortSignal | undefined): Promise<RememberTurnOutput> {
  const imageCount = input.images.length;
  if (deps.config.writeBudget === 'fixed') {
    const result = await callModel(deps, rememberTurnPrompt, buildRememberTurnPrompt(input), signal);
    return parseRememberTurnOutput(result.text, deps.events, imageCount);
  }
  const personality = await callModel(deps, rememberPersonalityPrompt, buildPersonalityPrompt(input), signal);
  const semantic = await callModel(deps, rememberSemanticPrompt, buildSemanticPrompt(input), signal);
  return {
    personality: parsePersonalityOutput(personality.text, deps.events),
    memories: parseSemanticOutput(semantic.text, deps.events, imageCount),
  };
}

/** Each memory's event period from its own words (memory-period.ts); a "when" that names no date is reported. */
function eventTimes(deps: RememberDeps, turn: Turn, drafts: SemanticDraft[]): Map<SemanticDraft, Period | null> {
  const periods = new Map<SemanticDraft, Period | null>();
  for (const draft of drafts) {
    const { eventTime, unreadWhen } = memoryEventTime(draft, turn.at, deps.config.timeZone);
    if (unreadWhen) {
      deps.events.warn('memory_when_ignored', `The model dated a memory of turn ${turn.id} "${unreadWhen}", which names no date; its content's dates were used instead.`, { turnId: turn.id, when: unreadWhen, content: draft.content });
    }
    periods.set(draft, eventTime);
  }
  return periods;
}

export async function planTurnJob(deps: RememberDeps, job: Job, signal?: AbortSignal): Promise<JobPlan> {
  const turnId = String(job.payload.turnId);
  const turn = await deps.store.turns.get(job.userId, turnId);
  if (!turn) {
    deps.events.warn('job_target_missing', `Turn ${turnId} no longer exists (forgotten or user deleted); its update job does nothing.`, { jobId: job.id });
    return NOTHING_TO_DO;
  }
  const output = await askModel(deps, await promptInput(deps, turn), signal);
  const drafts = groundedDrafts(deps, turn, output.memories);
  const placement = { crops: await regionCrops(deps, turn, drafts), eventTimes: eventTimes(deps, turn, drafts), related: await relatedToDrafts(deps, turn.userId, drafts) };
  return {
    async apply(store) {
      const outcome = emptyOutcome();
      if (output.personality) {
        // Read inside the transaction: n and P must be those of the previous committed turn.
        const previous = await store.personality.latest(turn.userId);
        const interactions = previous?.interactions ?? 0;
        const traits = evolvePersonality(previous?.traits ?? initialPersonality(), output.personality, interactions);
        await store.personality.append(turn.userId, { interactions: interactions + 1, turnId: turn.id, at: turn.at, traits, inferred: output.personality });
        outcome.events.push({ type: 'personality_updated', userId: turn.userId, turnId: turn.id, traits, inferred: output.personality });
      }
      await applySemanticDrafts(store, turn, drafts, job.dedupeKey, outcome, placement);
      return outcome;
    },
  };
}
