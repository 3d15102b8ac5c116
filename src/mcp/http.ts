// MCP over streamable HTTP, stateless: every POST gets a fresh server for the caller's user (so no session can
// outlive or cross a tenant) and is answered as JSON. GET and DELETE, which only sessions use, are refused.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { packageVersion } from '../config/package-version.ts';
import { createMcpServer } from './create-mcp-server.ts';
import type { McpServerOptions } from './mcp-context.ts';

export async function handleMcpRequest(request: Request, options: Omit<McpServerOptions, 'version' | 'readFiles'>): Promise<Response> {
  if (request.method !== 'POST') {
    return Response.json({ jsonrpc: '2.0', error: { code: -32000, message: 'This MCP endpoint is stateless: send JSON-RPC messages with POST.' }, id: null }, { status: 405, headers: { allow: 'POST' } });
  }
  const server = createMcpServer({ ...options, readFiles: false, version: await packageVersion() });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
