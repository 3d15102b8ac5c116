// The per-session update job: one model call in the fixed budget (remember.session), three in the paper
// budget (remember.episodic, remember.procedural, remember.core).
import type { Job, Turn } from '../memory/types.ts';
import { buildCorePrompt, parseCoreOutput, profileOrder, rememberCorePrompt } from '../prompts/remember-core.ts';
import { buildEpisodicPrompt, parseEpisodicOutput, rememberEpisodicPrompt } from '../prompts/remember-episodic.ts';
import { buildProceduralPrompt, parseProceduralOutput, rememberProceduralPrompt } from '../prompts/remember-procedural.ts';
import { buildRememberSessionPrompt, parseRememberSessionOutput, rememberSessionPrompt, type RememberSessionOutput } from '../prompts/remember-session.ts';
import type { SessionPromptInput } from '../prompts/remember-session-input.ts';
import { callModel } from './budget.ts';
import type { RememberDeps } from './deps.ts';
import { emptyOutcome, loadTurnImages, NOTHING_TO_DO, promptTurn, type JobPlan } from './job-context.ts';
import type { ChatImage } from '../model/ports.ts';
import { changesSinceProfile } from '../memory/changes.ts';

import { writeCore, writeEpisodes, writeProcedural } from './session-effects.ts';
import { REMEMBER_TUNING } from './tuning.ts';

async function askModel(deps: RememberDeps, input: SessionPromptInput, signal: AbortSignal | undefined): Promise<RememberSessionOutput> {
  const count = input.turns.length;
  if (deps.config.writeBudget === 'fixed') {
    const result = await callModel(deps, rememberSessionPrompt, buildRememberSessionPrompt(input), signal);
    return parseRememberSessionOutput(result.text, deps.events, count);
  }
  const episodic = await callModel(deps, rememberEpisodicPrompt, buildEpisodicPrompt(input), signal);
  const procedural = await callModel(deps, rememberProceduralPrompt, buildProceduralPrompt(input), signal);
  const core = await callModel(deps, rememberCorePrompt, buildCorePrompt(input), signal);
  return {
    episodes: parseEpisodicOutput(episodic.text, deps.events, count),
    procedural: parseProceduralOutput(procedural.text, deps.events),
    core: parseCoreOutput(core.text, deps.events),
  };
}

function ownerName(turns: Turn[]): string | null {
  return turns.find((t) => t.role === 'user' && t.speaker)?.speaker ?? null;
}

export async function planSessionJob(deps: RememberDeps, job: Job, signal?: AbortSignal): Promise<JobPlan> {
  const sessionId = String(job.payload.sessionId);
  const { store } = deps;
  const session = await store.sessions.get(job.userId, sessionId);
  const turns = session ? await store.turns.list(job.userId, { sessionId, order: 'asc' }) : [];
  if (!session || turns.length === 0) {
    deps.events.warn('job_target_missing', `Session ${sessionId} has no turns any more; its update job does nothing.`, { jobId: job.id });
    return NOTHING_TO_DO;
  }
  const [core, procedural] = await Promise.all([
    store.memories.list(job.userId, { types: ['core'] }),
    store.memories.list(job.userId, { types: ['procedural'] }),
  ]);
  // The session's first photos go with the prompt as images too (their notes say what the rest hold).
  const images: ChatImage[] = [];
  const shown = [];
  for (const turn of turns) {
    const loaded = await loadTurnImages(store, turn, images.length + 1, deps.config.sessionImages - images.length);
    images.push(...loaded.images);
    shown.push(promptTurn(turn, loaded.numbers));
  }
  const input: SessionPromptInput = {
    turns: shown,
    images,
    // Content only: it names its field itself ("Name: Ann"), a [name] key before it would say it twice.
    core: profileOrder(core).map((m) => ({ key: null, content: m.content })),
    changes: await changesSinceProfile(store, job.userId, core, REMEMBER_TUNING.sessionChanges),
    procedural: procedural.map((m) => ({ key: m.key, content: m.content })),
    ownerName: ownerName(turns),
    timeZone: deps.config.timeZone,
  };
  const output = await askModel(deps, input, signal);
  return {
    async apply(tx) {
      const outcome = emptyOutcome();
      const ctx = { store: tx, session, turns, jobKey: job.dedupeKey, outcome };
      await writeEpisodes(ctx, output.episodes);
      if (output.procedural) await writeProcedural(ctx, output.procedural);
      await writeCore(ctx, output.core);
      return outcome;
    },
  };
}
