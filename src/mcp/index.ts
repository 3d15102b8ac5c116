// The MCP server's public surface: one server per user over the facade, and its HTTP handler.
export { createMcpServer } from './create-mcp-server.ts';
export { handleMcpRequest } from './http.ts';
export { serveStdio } from './stdio.ts';
export type { McpServerOptions, McpUser } from './mcp-context.ts';
