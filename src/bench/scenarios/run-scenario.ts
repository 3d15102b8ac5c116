// Runs a scenario through the composition root exactly as a user's history would go: the JSONL history through
// ingest (every turn, photo and session through the update phase), then each question through chat. The model
// is a recorded one (recorded-model.ts): replaying in tests, recording against an endpoint.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { loadJsonlHistory } from '../../datasets/jsonl/jsonl-history.ts';
import { MEMORY_STATUSES, type Memory } from '../../memory/types.ts';
import { createPersona, internalsOf } from '../../persona.ts';
import { PersonaError } from '../../errors/index.ts';
import type { MemoryStore } from '../../store/memory-store.ts';
import type { RecordedCall } from './recorded-model.ts';
import type { QuestionSpec, Scenario } from './scenario.ts';

export class ScenarioRunError extends PersonaError {
  constructor(scenario: string, failures: string[]) {
    super('scenario_failed', `Scenario ${scenario}: ${failures.length} memory update job(s) failed. First: ${failures[0]}`, { details: { scenario, failures } });
  }
}

export interface AnsweredQuestion {
  question: QuestionSpec;
  answer: string;
  /** Model calls the answer took. */
  calls: number;
  /** What each of its calls showed the model. */
  prompts: string[];
}

export interface ScenarioRun {
  scenario: Scenario;
  /** Every memory, in every status, at the end of the history. */
  memories: Memory[];
  answers: AnsweredQuestion[];
  /** Warnings raised on the way (repairs of model output, ignored dates, …), by code. */
  warnings: Record<string, number>;
}

const DATA = fileURLToPath(new URL('./data/', import.meta.url));

export const scenarioDataDir = (name: string): string => join(DATA, name);
export const recordingPath = (name: string): string => fileURLToPath(new URL(`./recordings/${name}.json`, import.meta.url));

// OCR is what the scenarios' photos are about; objects and faces would add minutes and find nothing on paper.
const ANALYZERS = ['colors', 'vector', 'ocr'] as const;

/** timeoutMs: per model call; a person playing the model while recording needs minutes, a replay none. */
export async function runScenario(scenario: Scenario, model: LanguageModelV4 & { used: RecordedCall[] }, store?: MemoryStore, timeoutMs?: number): Promise<ScenarioRun> {
  const persona = createPersona({
    model,
    ...(store ? { store } : {}),
    embedder: null,
    config: { store: { dataDir: ':memory:' }, memory: { timeZone: scenario.timeZone }, vision: { analyzers: [...ANALYZERS] }, model: { responseFormat: scenario.responseFormat, ...(timeoutMs ? { timeoutMs } : {}) } },
  });
  const warnings: Record<string, number> = {};
  const failedJobs: string[] = [];
  persona.events.on((event) => {
    if (event.type !== 'warning') return;
    const code = String(event.code);
    warnings[code] = (warnings[code] ?? 0) + 1;
    if (code === 'job_failed') failedJobs.push(String(event.message));
  });
  await persona.open();
  try {
    const history = await loadJsonlHistory(join(scenarioDataDir(scenario.name), scenario.history));
    await persona.ingest(scenario.userId, history);
    // A failed update job (a replay without a reply for a changed prompt, a model error while recording) must stop
    // the run with its reason, not leave a memory with holes that is graded as if it were the model's doing.
    if (failedJobs.length > 0) throw new ScenarioRunError(scenario.name, failedJobs);
    const memories = await internalsOf(persona).store.memories.list(scenario.userId, { status: [...MEMORY_STATUSES] });
    const answers: AnsweredQuestion[] = [];
    for (const question of scenario.questions) {
      const before = model.used.length;
      const result = await persona.chat({ userId: scenario.userId, text: question.text, at: new Date(question.at) });
      answers.push({ question, answer: result.answer, calls: result.calls, prompts: model.used.slice(before).map((call) => call.promptText) });
    }
    return { scenario, memories, answers, warnings };
  } finally {
    await persona.close();
  }
}
