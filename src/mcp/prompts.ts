// The prompt `context_for_question`: the memory a question needs (profile, personality, habits, what recall
// finds), packed as one block the client puts before the question.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { buildQuestionWithContext } from '../prompts/memory-context.ts';
import type { McpContext } from './mcp-context.ts';

export function registerPrompts(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  server.registerPrompt(
    'context_for_question',
    {
      title: 'Answer with my memory',
      description: 'The question with what the memory holds for it: profile, personality, habits and the recalled items, in one delimited block.',
      argsSchema: { question: z.string().min(1).describe('The question to answer') },
    },
    ({ question }) =>
      context.request('prompt context_for_question', async () => {
        const packed = await persona.profile.context({ userId: user.internal, question, at: context.now(), budgetTokens: persona.config.memory.budgetTokens });
        return {
          description: `Memory context for: ${question}`,
          messages: [{ role: 'user' as const, content: { type: 'text' as const, text: buildQuestionWithContext(packed.text, question) } }],
        };
      }),
  );
}
