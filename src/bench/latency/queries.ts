// The fixed query set: real questions people ask about a conversation (the LoCoMo questions, in file order),
// so the query words and lengths are those of real recall traffic over a corpus learnt from the same turns.
import type { LocomoConversation } from '../../datasets/locomo/load-locomo.ts';

export function benchmarkQueries(conversations: readonly LocomoConversation[], count: number): string[] {
  const queries: string[] = [];
  // Round-robin over the conversations, so no single conversation's names dominate.
  for (let index = 0; queries.length < count; index += 1) {
    let added = false;
    for (const conversation of conversations) {
      const question = conversation.questions[index]?.question.trim();
      if (question && queries.length < count) {
        queries.push(question);
        added = true;
      }
    }
    if (!added) break;
  }
  return queries;
}

/** Every turn text of every conversation: the source the synthetic corpus learns its words from. */
export function sourceTurns(conversations: readonly LocomoConversation[]): string[] {
  return conversations.flatMap((conversation) => conversation.history.sessions.flatMap((session) => session.turns.map((turn) => turn.text)));
}
