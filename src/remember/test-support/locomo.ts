// The first sessions of the first LoCoMo dev conversation, read from the shared data (never copied here).
import { loadLocomo, type LocomoConversation } from '../../datasets/locomo/load-locomo.ts';

export const LOCOMO_DEV = new URL('../../../../shared/data/locomo/locomo-dev.json', import.meta.url).pathname;

export async function firstConversation(sessions: number): Promise<LocomoConversation> {
  const [conversation] = await loadLocomo(LOCOMO_DEV);
  if (!conversation) throw new Error(`${LOCOMO_DEV} holds no conversation`);
  return { ...conversation, history: { ...conversation.history, sessions: conversation.history.sessions.slice(0, sessions) } };
}
