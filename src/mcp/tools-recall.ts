// `recall`: what the memory holds for a question, ranked and packed within a token budget, each item with its
// time and the turns it came from. No model call.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';
import { MEMORY_TYPES } from '../memory/types.ts';
import { renderRecallResult } from '../retrieval/render-result.ts';
import type { McpContext } from './mcp-context.ts';
import { isoTime, timeOf } from './mcp-schemas.ts';

const SOURCES = [...MEMORY_TYPES, 'dialogue', 'image'] as const;

const input = {
  query: z.string().min(1).max(10_000).describe('The question or words to search for'),
  from: isoTime.optional().describe('Only what was said in, or is about, the time from here (inclusive)'),
  to: isoTime.optional().describe('… up to here (exclusive)'),
  at: isoTime.optional().describe('The time of asking: "last week" in the query counts from it; default now'),
  types: z.array(z.enum(SOURCES)).min(1).optional().describe('Search only these: core, semantic, episodic, procedural, dialogue, image'),
  budget: z.number().int().min(1).max(100_000).optional().describe('Tokens of memory to return at most (default memory.budgetTokens)'),
};

type Args = { [K in keyof typeof input]: z.output<(typeof input)[K]> };

export function registerRecallTool(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  server.registerTool(
    'recall',
    {
      title: 'Recall',
      description: 'Search the user\'s long-term memory (conversation, facts, events, habits, photos) for a question. Returns the items that fit the token budget, best first, each with when it happened and the turns it came from.',
      inputSchema: input,
      annotations: { readOnlyHint: true },
    },
    context.guard('recall', async (args: Args) => {
      if (args.query.trim() === '') throw new InvalidInputError('query needs the words to search for.');
      const from = timeOf(args.from, 'from') ?? null;
      const to = timeOf(args.to, 'to') ?? null;
      if (from && to && from >= to) throw new InvalidInputError('"from" must be before "to".');
      const result = await persona.recall({
        userId: user.internal,
        query: args.query,
        at: timeOf(args.at, 'at') ?? context.now(),
        budgetTokens: args.budget ?? persona.config.memory.budgetTokens,
        ...(from || to ? { timeRange: { from, to } } : {}),
        ...(args.types ? { types: args.types } : {}),
      });
      return context.result({ items: result.items, totalTokens: result.totalTokens }, renderRecallResult(result, persona.config.memory.timeZone));
    }),
  );
}
