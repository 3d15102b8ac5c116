// Parses any file in the locomo10.json format into neutral Histories plus the questions asked about them.
// The memory owner is the conversation: speaker_a plays 'user' and speaker_b 'assistant'.
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../errors/index.ts';
import type { History, HistorySession, HistoryTurn } from '../../memory/history.ts';
import { parseSessionDate } from './parse-session-date.ts';
import { locomoFileSchema, locomoTurnSchema, type LocomoConversationRecord } from './schema.ts';

/** Seconds between consecutive turns of a session: LoCoMo gives one time per session; this keeps order. */
export const TURN_SPACING_SECONDS = 10;

export interface LocomoQuestion {
  question: string;
  answer: string;
  category: number;
  /** Evidence dia_ids as written in the file, not yet split or checked. */
  evidence: string[];
}

export interface LocomoConversation {
  sampleId: string;
  speakerA: string;
  speakerB: string;
  history: History;
  questions: LocomoQuestion[];
}

function sessionNumbers(conversation: Record<string, unknown>): number[] {
  return Object.keys(conversation)
    .map((key) => /^session_(\d+)$/.exec(key)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function toSession(record: LocomoConversationRecord, number: number): HistorySession {
  const conversation = record.conversation as Record<string, unknown>;
  const dateText = conversation[`session_${number}_date_time`];
  if (typeof dateText !== 'string') {
    throw new InvalidInputError(`${record.sample_id}: session_${number} has no session_${number}_date_time.`);
  }
  const start = parseSessionDate(dateText);
  const turns = locomoTurnSchema.array().parse(conversation[`session_${number}`]);
  const historyTurns = turns.map((turn, index): HistoryTurn => ({
    role: turn.speaker === record.conversation.speaker_b ? 'assistant' : 'user',
    speaker: turn.speaker,
    text: turn.text,
    at: new Date(start.getTime() + index * TURN_SPACING_SECONDS * 1000),
    externalId: turn.dia_id,
    ...(turn.blip_caption ? { images: [{ caption: turn.blip_caption }] } : {}),
  }));
  return { key: `session_${number}`, turns: historyTurns };
}

function answerText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function parseLocomo(data: unknown): LocomoConversation[] {
  const parsed = locomoFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidInputError(`Not a LoCoMo file: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, { cause: parsed.error });
  }
  const records = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return records.map((record) => ({
    sampleId: record.sample_id,
    speakerA: record.conversation.speaker_a,
    speakerB: record.conversation.speaker_b,
    history: {
      source: `locomo:${record.sample_id}`,
      sessions: sessionNumbers(record.conversation).map((number) => toSession(record, number)),
    },
    questions: record.qa.map((qa) => ({
      question: qa.question,
      answer: answerText(qa.answer ?? qa.adversarial_answer),
      category: qa.category,
      evidence: qa.evidence ?? [],
    })),
  }));
}

export async function loadLocomo(path: string): Promise<LocomoConversation[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`Cannot read the LoCoMo file "${path}". Check the --data path.`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`"${path}" is not valid JSON.`, { cause: error });
  }
  return parseLocomo(data);
}
