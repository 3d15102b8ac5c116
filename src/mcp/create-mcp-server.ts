// One MCP server for one user: the memory tools, resources and prompt over the library facade. Transports
// (stdio in `personavlm mcp`, streamable HTTP in `serve`) connect to it; it does no I/O until they do.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { mcpContext, type McpServerOptions } from './mcp-context.ts';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import { registerMemoryTools } from './tools-memories.ts';
import { registerProfileTool } from './tools-profile.ts';
import { registerRecallTool } from './tools-recall.ts';
import { registerRememberTool } from './tools-remember.ts';

const INSTRUCTIONS =
  'Long-term memory of one user. Call `recall` before answering anything that depends on the user (their past, preferences, people, photos, plans), and `remember` for what they tell you that is worth keeping. `profile` says who they are.';

export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'personavlm', version: options.version }, { instructions: INSTRUCTIONS });
  const context = mcpContext(options);
  registerRememberTool(server, context);
  registerRecallTool(server, context);
  registerMemoryTools(server, context);
  registerProfileTool(server, context);
  registerResources(server, context);
  registerPrompts(server, context);
  return server;
}
