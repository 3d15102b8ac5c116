// Resources a client can attach to a conversation: the profile, the live memories, and each memory with its
// provenance. All of the one user this connection serves.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { NotFoundError } from '../errors/index.ts';
import type { McpContext } from './mcp-context.ts';

const JSON_TYPE = 'application/json';
/** Memories a resource listing shows (the tools page through more). */
const LISTED = 500;

export function registerResources(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  const json = (uri: URL, value: unknown) => ({ contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(context.external(value), null, 2) }] });

  server.registerResource('profile', 'personavlm://profile', { title: 'User profile', description: 'Core profile, habits and Big Five personality', mimeType: JSON_TYPE }, (uri) =>
    context.request('resource profile', async () => json(uri, { profile: await persona.profile.get(user.internal) })),
  );

  server.registerResource('memories', 'personavlm://memories', { title: 'Memories', description: `The user's live memories (up to ${LISTED})`, mimeType: JSON_TYPE }, (uri) =>
    context.request('resource memories', async () => json(uri, { memories: await persona.memories.list(user.internal, { limit: LISTED }) })),
  );

  const template = new ResourceTemplate('personavlm://memories/{id}', {
    list: () =>
      context.request('resource list', async () => ({
        resources: (await persona.memories.list(user.internal, { limit: LISTED })).map((memory) => ({
          uri: `personavlm://memories/${encodeURIComponent(memory.id)}`,
          name: memory.content.length > 80 ? `${memory.content.slice(0, 79)}…` : memory.content,
          mimeType: JSON_TYPE,
        })),
      })),
  });
  server.registerResource('memory', template, { title: 'A memory', description: 'One memory with its source turns and versions', mimeType: JSON_TYPE }, (uri, variables) =>
    context.request('resource memory', async () => {
      const id = decodeURIComponent(String(variables.id));
      const memory = await persona.memories.get(user.internal, id);
      if (!memory) throw new NotFoundError('memory', id);
      const [sourceTurns, history] = await Promise.all([persona.memories.sources(user.internal, id), persona.memories.history(user.internal, id)]);
      return json(uri, { memory, sourceTurns, history });
    }),
  );
}
