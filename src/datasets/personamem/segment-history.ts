// How a PersonaMem context becomes memory. The context has no timestamps, so message i is dated BASE + i
// minutes, and a question with end index e is asked at BASE + e minutes (just after the last message it may
// see). One memory owner per context: questions go in ascending end index and the context is replayed in
// segments between them, so a prefix is stored once and shared by every question that sees it; asking stores
// nothing, so the memory at each question is exactly its prefix's. Sessions are blocks of SESSION_MESSAGES
// aligned to absolute indices (and cut at question points), keyed by their message range; each turn carries
// its message index as externalId, so a resumed run's replay skips what is stored. System messages (the
// persona description) are not part of the conversation and are left out.
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../errors/index.ts';
import type { History, HistorySession, HistoryTurn } from '../../memory/history.ts';
import type { ContextMessage } from './load-contexts.ts';

export const CONTEXT_START = Date.UTC(2024, 0, 1);
export const MESSAGE_SPACING_MS = 60_000;
export const SESSION_MESSAGES = 20;

export const messageTime = (index: number): Date => new Date(CONTEXT_START + index * MESSAGE_SPACING_MS);

export const contextUserId = (contextId: string): string => `personamem:${createHash('sha256').update(contextId).digest('hex').slice(0, 12)}`;

function toTurn(message: ContextMessage, index: number, contextId: string): HistoryTurn | null {
  if (message.role === 'system') return null;
  if (message.role !== 'user' && message.role !== 'assistant') throw new InvalidInputError(`Context "${contextId}" message ${index} has role "${message.role}"; expected user, assistant or system.`);
  return { role: message.role, text: message.content, at: messageTime(index), externalId: `m${index}` };
}

/** The messages [from, to) of a context as a History of sessions. */
export function segmentHistory(contextId: string, messages: readonly ContextMessage[], from: number, to: number): History {
  if (to > messages.length) throw new InvalidInputError(`A question sees context "${contextId}" up to message ${to}, but it has ${messages.length} messages.`);
  const sessions: HistorySession[] = [];
  for (let start = from; start < to; ) {
    const end = Math.min(to, (Math.floor(start / SESSION_MESSAGES) + 1) * SESSION_MESSAGES);
    const turns = messages.slice(start, end).flatMap((message, offset) => toTurn(message, start + offset, contextId) ?? []);
    if (turns.length > 0) sessions.push({ key: `messages_${start}-${end}`, turns });
    start = end;
  }
  return { source: `personamem:${contextId}`, sessions };
}
