// MCP over stdio until the client is done. A client may write its last requests and close stdin at once (a
// pipe, a script): the server then closes only once every request it read has been answered, so no answer is lost.
import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type Id = string | number;
const requestId = (message: JSONRPCMessage): Id | undefined => ('id' in message && 'method' in message ? message.id : undefined);
const responseId = (message: JSONRPCMessage): Id | undefined => ('id' in message && !('method' in message) ? (message.id as Id) : undefined);

/** Serves until stdin ends (and every request read is answered) or `stop` is called; `closed` settles then. */
export async function serveStdio(server: McpServer, stdin: Readable, stdout: Writable): Promise<{ closed: Promise<void>; stop: () => void }> {
  const transport = new StdioServerTransport(stdin, stdout);
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  const pending = new Set<Id>();
  let ended = false;
  const stop = () => void server.close();
  const closeWhenAnswered = () => {
    if (ended && pending.size === 0) stop();
  };
  stdin.once('end', () => {
    ended = true;
    closeWhenAnswered();
  });
  // The protocol sets onmessage and then starts the transport: the first message read already counts.
  const start = transport.start.bind(transport);
  transport.start = async () => {
    const receive = transport.onmessage!;
    transport.onmessage = (message) => {
      const id = requestId(message);
      if (id !== undefined) pending.add(id);
      receive(message);
    };
    const send = transport.send.bind(transport);
    transport.send = async (message) => {
      await send(message);
      const id = responseId(message);
      if (id !== undefined && pending.delete(id)) closeWhenAnswered();
    };
    await start();
  };
  await server.connect(transport);
  return { closed, stop };
}
