// The user's memories one by one: list, read (with the turns it came from and its versions), correct (the old
// text stays as history), forget.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../errors/index.ts';
import { MEMORY_STATUSES, MEMORY_TYPES, type MemoryPatch } from '../memory/types.ts';
import type { McpContext } from './mcp-context.ts';
import { isoTime, memoryId, timeOf } from './mcp-schemas.ts';

const listInput = {
  types: z.array(z.enum(MEMORY_TYPES)).min(1).optional().describe('Only these kinds: core, semantic, episodic, procedural'),
  status: z.enum([...MEMORY_STATUSES, 'all']).optional().describe('active (default), superseded, retired or all'),
  key: z.string().min(1).max(200).optional().describe('Only memories with this key (a profile field, a habit)'),
  text: z.string().min(1).max(500).optional().describe('Only memories with every one of these words in their text, key or keywords (any case)'),
  limit: z.number().int().min(1).max(1000).optional().describe('At most this many (default 100)'),
};

const editInput = {
  id: memoryId,
  content: z.string().min(1).max(100_000).optional().describe('The corrected text'),
  keywords: z.array(z.string().min(1).max(200)).max(200).optional(),
  eventTime: z.object({ from: isoTime.nullable(), to: isoTime.nullable() }).strict().nullable().optional().describe('When the thing it describes happened; null: unknown'),
};

type ListArgs = { [K in keyof typeof listInput]: z.output<(typeof listInput)[K]> };
type EditArgs = { [K in keyof typeof editInput]: z.output<(typeof editInput)[K]> };

export function registerMemoryTools(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  const { memories } = persona;

  server.registerTool(
    'memories_list',
    { title: 'List memories', description: 'The user\'s memories, newest versions only unless status says otherwise.', inputSchema: listInput, annotations: { readOnlyHint: true } },
    context.guard('memories_list', async (args: ListArgs) => {
      const status = args.status === undefined || args.status === 'active' ? ['active' as const] : args.status === 'all' ? [...MEMORY_STATUSES] : [args.status];
      const list = await memories.list(user.internal, { status, limit: args.limit ?? 100, ...(args.types ? { types: args.types } : {}), ...(args.key ? { key: args.key } : {}), ...(args.text ? { text: args.text } : {}) });
      const text = list.length === 0 ? 'No memories match.' : list.map((m) => `${m.id}  ${m.type}${m.key ? ` [${m.key}]` : ''}${m.status === 'active' ? '' : ` (${m.status})`}: ${m.content}`).join('\n');
      return context.result({ memories: list }, text);
    }),
  );

  server.registerTool(
    'memory_get',
    { title: 'Read a memory', description: 'One memory with the turns it was derived from (why it is believed) and its earlier versions.', inputSchema: { id: memoryId }, annotations: { readOnlyHint: true } },
    context.guard('memory_get', async ({ id }: { id: string }) => {
      const memory = await memories.get(user.internal, id);
      if (!memory) throw new NotFoundError('memory', id);
      const [sourceTurns, history] = await Promise.all([memories.sources(user.internal, id), memories.history(user.internal, id)]);
      return context.result({ memory, sourceTurns, history });
    }),
  );

  server.registerTool(
    'memory_edit',
    { title: 'Correct a memory', description: 'Correct a memory in place; the previous text is kept as a superseded version.', inputSchema: editInput, annotations: { idempotentHint: true } },
    context.guard('memory_edit', async ({ id, eventTime, ...rest }: EditArgs) => {
      const patch: MemoryPatch = { ...rest };
      if (eventTime !== undefined) patch.eventTime = eventTime === null ? null : { from: timeOf(eventTime.from ?? undefined, 'eventTime.from') ?? null, to: timeOf(eventTime.to ?? undefined, 'eventTime.to') ?? null };
      if (Object.values(patch).every((value) => value === undefined)) throw new InvalidInputError('Give at least one of content, keywords, eventTime to change.');
      const memory = await memories.edit(user.internal, id, patch);
      return context.result({ memory }, `Corrected memory ${memory.id}: ${memory.content}`);
    }),
  );

  server.registerTool(
    'memory_forget',
    { title: 'Forget a memory', description: 'Delete a memory with all its versions. It cannot be undone.', inputSchema: { id: memoryId }, annotations: { destructiveHint: true, idempotentHint: false } },
    context.guard('memory_forget', async ({ id }: { id: string }) => {
      await memories.forget(user.internal, id);
      return context.result({ forgotten: id }, `Forgot memory ${id}.`);
    }),
  );
}
