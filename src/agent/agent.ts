// The response phase (PERSONAVLM.md § Response phase): think, retrieve, … answer, within maxRounds model calls.
// The last call is told to answer and parsed so that it does: an answer is never empty.
import { InvalidInputError } from '../errors/index.ts';
import type { ChatClient, ChatMessage, ChatUsage } from '../model/ports.ts';
import { buildReasonContinuation, REASON_CONTINUE_PROMPT } from '../prompts/reason-continue.ts';
import { promptLabel } from '../prompts/output-format.ts';
import { buildReasonFinalInstruction } from '../prompts/reason-final.ts';
import { buildReasonFirst, REASON_FIRST_PROMPT } from '../prompts/reason-first.ts';
import { parseReasonOutput, type RetrieveRequest } from '../prompts/reason-output.ts';
import type { Agent, AgentDeps, AgentStep, RespondInput, RespondResult } from './agent-types.ts';
import { loadReasonContext } from './load-context.ts';
import { appendToLastUser } from './messages.ts';
import { chatModelNotConfigured } from './model-not-configured.ts';
import { retrieveMemories, type RetrieveContext } from './retrieve-memories.ts';
import { createRunEvents, type RunEvents } from './run-events.ts';
import { streamRound } from './stream-round.ts';
import { describePhotos } from '../memory/photo-notes.ts';

const QUERY_ONLY: RetrieveRequest = { keywords: [], range: null, types: null };

function validate(input: RespondInput): void {
  if (typeof input.userId !== 'string' || input.userId.trim() === '') throw new InvalidInputError('userId must be a non-empty string.');
  if (typeof input.text !== 'string') throw new InvalidInputError('text must be a string.');
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new InvalidInputError('at must be a valid Date.');
}

interface Run {
  chat: ChatClient;
  deps: AgentDeps;
  input: RespondInput;
  events: RunEvents;
  retrieval: RetrieveContext;
  usage: ChatUsage;
  steps: AgentStep[];
}

/** One model call; returns the parsed output after emitting its warnings. */
async function callModel(run: Run, messages: ChatMessage[], round: number, final: boolean, forwardAnswer: boolean) {
  run.input.signal?.throwIfAborted();
  run.events.emit({ type: 'round', index: round, final });
  // The prompt whose text the last message carries: the first round's, or a continuation's.
  const prompt = promptLabel(round === 1 ? REASON_FIRST_PROMPT : REASON_CONTINUE_PROMPT);
  const output = await streamRound(run.chat, messages, {
    prompt,
    ...(run.input.signal ? { signal: run.input.signal } : {}),
    onDelta: forwardAnswer ? (text) => run.events.emit({ type: 'answer.delta', text }) : null,
  });
  run.usage.inputTokens += output.usage.inputTokens;
  run.usage.outputTokens += output.usage.outputTokens;
  const parsed = parseReasonOutput(output.text, { mustAnswer: final, timeZone: run.deps.config.timeZone });
  for (const warning of parsed.warnings) run.events.warn(warning.code, warning.message, { ...warning.details, round });
  return { parsed, text: output.text, forwarded: output.forwarded };
}

/** Sends what the stream did not: the whole answer when it was not streamed (untagged, salvaged), else the rest. */
function finishAnswer(run: Run, answer: string, forwarded: string): void {
  if (answer.startsWith(forwarded)) {
    if (answer.length > forwarded.length) run.events.emit({ type: 'answer.delta', text: answer.slice(forwarded.length) });
    return;
  }
  run.events.warn('answer_stream_diverged', 'The streamed answer differs from the parsed one; the parsed answer is the one stored.', { forwarded, answer });
}

function result(run: Run, answer: string, calls: number): RespondResult {
  run.events.emit({ type: 'answer.completed', text: answer, calls });
  return { answer, calls, steps: run.steps, usage: run.usage };
}

async function oneShot(run: Run, messages: ChatMessage[]): Promise<RespondResult> {
  const { items, shown } = await retrieveMemories(run.retrieval, QUERY_ONLY, false);
  const retrieved = buildReasonContinuation({ items, final: true });
  const { parsed, forwarded } = await callModel(run, appendToLastUser(messages, retrieved.content, retrieved.images), 1, true, true);
  if (parsed.kind !== 'answer') throw new Error('unreachable: a mustAnswer parse always answers');
  run.steps.push({ round: 1, think: parsed.think, decision: 'answer', request: QUERY_ONLY, items: shown });
  finishAnswer(run, parsed.answer, forwarded);
  return result(run, parsed.answer, 1);
}

async function reason(run: Run, first: ChatMessage[]): Promise<RespondResult> {
  const { maxRounds, forceRetrieve } = run.deps.config;
  let messages = maxRounds === 1 ? appendToLastUser(first, buildReasonFinalInstruction()) : first;
  for (let round = 1; ; round += 1) {
    const final = round >= maxRounds;
    const forcing = forceRetrieve && round === 1 && !final;
    const { parsed, text, forwarded } = await callModel(run, messages, round, final, !forcing);
    if (parsed.kind === 'answer' && !forcing) {
      run.steps.push({ round, think: parsed.think, decision: 'answer' });
      run.events.emit({ type: 'round.completed', index: round, think: parsed.think, decision: 'answer' });
      finishAnswer(run, parsed.answer, forwarded);
      return result(run, parsed.answer, round);
    }
    const request = parsed.kind === 'retrieve' ? parsed.request : QUERY_ONLY;
    const forced = parsed.kind === 'answer';
    run.events.emit({ type: 'round.completed', index: round, think: parsed.think, decision: 'retrieve', forced });
    const { items, shown } = await retrieveMemories(run.retrieval, request, forced);
    run.steps.push({ round, think: parsed.think, decision: 'retrieve', request, forced, items: shown });
    const feedback = parsed.warnings.flatMap((warning) => (warning.feedback ? [warning.feedback] : []));
    const continuation = buildReasonContinuation({ items, forced, final: round + 1 >= maxRounds, feedback });
    messages = [...messages, { role: 'assistant', content: text }, continuation];
  }
}

export function createAgent(deps: AgentDeps): Agent {
  if (!Number.isInteger(deps.config.maxRounds) || deps.config.maxRounds < 1) {
    throw new InvalidInputError(`maxRounds must be a whole number of at least 1, got ${deps.config.maxRounds}.`);
  }
  const assertConfigured = (): ChatClient => {
    if (!deps.chat) throw chatModelNotConfigured();
    return deps.chat;
  };
  return {
    get configured() {
      return deps.chat !== null;
    },
    assertConfigured: () => void assertConfigured(),
    async respond(input) {
      const chat = assertConfigured();
      validate(input);
      const { config } = deps;
      const events = createRunEvents(deps.events, input.userId, input.onEvent);
      const context = await loadReasonContext(deps.store, { ...input, ...config });
      const images = input.images ?? [];
      const excludeTurnIds = new Set(context.recent.map((turn) => turn.id));
      if (input.currentTurnId) excludeTurnIds.add(input.currentTurnId);
      const run: Run = {
        chat,
        deps,
        input,
        events,
        usage: { inputTokens: 0, outputTokens: 0 },
        steps: [],
        retrieval: {
          store: deps.store,
          recall: deps.recall,
          events,
          shown: { itemKeys: new Set(), imageShas: new Set(), excludeTurnIds },
          userId: input.userId,
          text: input.text,
          images,
          at: input.at,
          budgetTokens: config.budgetTokens,
        },
      };
      const first = buildReasonFirst({
        profile: context.profile,
        changes: context.changes,
        personality: context.personality,
        procedural: context.procedural,
        recent: context.recent.map((turn) => ({ role: turn.role, speaker: turn.speaker, text: turn.text, at: turn.at, photos: describePhotos(turn) })),
        recentWindowMinutes: config.recentWindowMinutes,
        input: { text: input.text, at: input.at, images, photos: context.current ? describePhotos(context.current) : [] },
        timeZone: config.timeZone,
      });
      return config.mode === 'one-shot' ? oneShot(run, first) : reason(run, first);
    },
  };
}
