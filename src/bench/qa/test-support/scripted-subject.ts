// A BenchSubject for runner tests: a real ChatClient over the ScriptedChatModel, so every answer is a recorded
// model call that the shared accounting counts. remember() records what it was given and, like the update
// phase, makes one "remember.session" call per session, so tests see update-phase cost in the report.
import type { History } from '../../../memory/history.ts';
import { createModelAccounting } from '../../../model/accounting.ts';
import { createChatClient } from '../../../model/chat-client.ts';
import type { ChatClient, ModelAccounting } from '../../../model/ports.ts';
import { ScriptedChatModel, type RecordedModelCall } from '../../../test/scripted-chat-model.ts';
import type { BenchQuestion, BenchSubject, RememberOptions } from '../subject.ts';

export interface Remembered {
  userId: string;
  history: History;
  options: RememberOptions | undefined;
}

/** Answers a call from its prompt, or throws: a prompt nobody expected fails the test. */
export type Router = (call: RecordedModelCall) => string;

export interface ScriptedSubject {
  subject: BenchSubject;
  model: ScriptedChatModel;
  /** A client on the same model and accounting, e.g. for a judge. */
  client: ChatClient;
  accounting: ModelAccounting;
  remembered: Remembered[];
  asked: BenchQuestion[];
}

/** `calls` replies are scripted, each routed by `router`; call number calls + 1 throws. */
export function scriptedSubject(router: Router, calls: number): ScriptedSubject {
  const model = new ScriptedChatModel(Array.from({ length: calls }, () => router));
  const accounting = createModelAccounting();
  const client = createChatClient(model, { accounting, maxRetries: 0 });
  const remembered: Remembered[] = [];
  const asked: BenchQuestion[] = [];
  const subject: BenchSubject = {
    async remember(userId, history, options) {
      remembered.push({ userId, history, options });
      for (const session of history.sessions) {
        const transcript = session.turns.map((turn) => `${turn.role}: ${turn.text}${turn.images?.length ? ` [${turn.images.length} image]` : ''}`).join('\n');
        await client.generate({ purpose: 'remember.session', messages: [{ role: 'user', content: `Summarize session ${session.key} of ${userId}:\n${transcript}` }] });
      }
    },
    async ask(question) {
      asked.push(question);
      const result = await client.generate({
        purpose: 'agent.answer',
        messages: [
          { role: 'system', content: `You are the personal assistant of ${question.userId}. Now: ${question.at.toISOString()}.` },
          { role: 'user', content: question.text },
        ],
      });
      return { text: result.text };
    },
  };
  return { subject, model, client, accounting, remembered, asked };
}

/** Routes by the first rule whose needle occurs in the prompt; no match throws. */
export function routeByText(rules: ReadonlyArray<readonly [needle: string, reply: string]>): Router {
  return (call) => {
    const rule = rules.find(([needle]) => call.promptText.includes(needle));
    if (!rule) throw new Error(`No scripted reply for a prompt ending: ${call.promptText.slice(-200)}`);
    return rule[1];
  };
}
