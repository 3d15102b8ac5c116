// Builds the system under test for the model-based benchmarks from the configuration: its own PGlite database
// under <out>/store (so a resumed run finds the memories it replayed, and the user's own database is never
// touched), the update phase, the retriever and the agent, all counting model calls in one accounting. The
// judge is the same endpoint, with another model id when asked.
import { join } from 'node:path';
import type { AgentMode } from '../../agent/agent-types.ts';
import type { PersonaConfig } from '../../config/schema.ts';
import { EventBus, type PersonaEvent } from '../../memory/events.ts';
import type { ChatClient, ModelAccounting } from '../../model/ports.ts';
import { createAgentSubject } from './agent-subject.ts';
import { requireModel, type BenchSubject } from './subject.ts';
import { internalsOf } from '../../persona.ts';

export interface BenchSystemOptions {
  /** What needs the model, for the error when none is configured ("The Persona-MME benchmark"). */
  what: string;
  outDir: string;
  agentMode?: AgentMode;
  /** Another model id on the same endpoint for the judge; default: the system's model. */
  judgeModelId?: string;
  onEvent?: (event: PersonaEvent) => void;
}

export interface BenchSystem {
  subject: BenchSubject;
  judge: ChatClient;
  accounting: ModelAccounting;
  modelId: string;
  close(): Promise<void>;
}

export async function openBenchSystem(config: PersonaConfig, options: BenchSystemOptions): Promise<BenchSystem> {
  // Before opening anything: no model, no run.
  const model = requireModel(config.model, options.what);
  const [{ createPersona }, { chatClientFromConfig }] = await Promise.all([import('../../persona.ts'), import('../../model/from-config.ts')]);
  const events = new EventBus();
  if (options.onEvent) events.on(options.onEvent);
  const benchConfig: PersonaConfig = { ...config, store: { engine: 'pglite', dataDir: join(options.outDir, 'store'), maxTextChars: config.store.maxTextChars, pgliteBufferMiB: config.store.pgliteBufferMiB } };
  const persona = createPersona({ config: benchConfig, events, agent: { mode: options.agentMode ?? 'reason' } });
  await persona.open();
  const accounting = persona.accounting;
  const judge = options.judgeModelId ? chatClientFromConfig({ ...model, modelId: options.judgeModelId }, accounting) : persona.chatModel;
  return {
    subject: createAgentSubject({ agent: internalsOf(persona).agent, remember: internalsOf(persona).rememberDeps }),
    judge: requireModel(judge, `${options.what} judge`),
    accounting,
    modelId: model.modelId,
    close: () => persona.close(),
  };
}
