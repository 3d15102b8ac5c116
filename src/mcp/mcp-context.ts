// What every MCP tool, resource and prompt of one connection shares: the facade, the one user it serves (from
// the server's configuration or the tenant key, never from an argument), and how results and errors go out.
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describeError } from '../errors/index.ts';
import type { Persona } from '../persona.ts';

export interface McpUser {
  /** The store's id ("acme:ana" under tenant acme). */
  internal: string;
  /** As the client names it ("ana"). */
  external: string;
}

export interface McpServerOptions {
  persona: Persona;
  user: McpUser;
  /** The caller's tenant over HTTP (its prefix is taken out of messages); null for stdio and no-auth servers. */
  tenant: string | null;
  /** Whether `remember` may read image files by path: yes for stdio (the user's own machine), never over HTTP. */
  readFiles: boolean;
  /** Reported to clients in the handshake. */
  version: string;
  /** The clock for turns and recalls sent without a time. */
  now?: () => Date;
  /** Where failures that are not the caller's are described; default stderr (stdout is the stdio channel). */
  log?: (line: string) => void;
}

export interface McpContext extends Required<Omit<McpServerOptions, 'version'>> {
  /** The value as the client sees it: JSON-safe, the user named as the client names them. */
  external(value: unknown): Record<string, unknown>;
  /** A tool's result: the text a model reads (default the JSON) and the same data as structured content. */
  result(value: Record<string, unknown>, text?: string): CallToolResult;
  /** Runs a tool; a thrown error becomes an MCP tool error that says what to do (internals only in the log). */
  guard<Args>(name: string, handler: (args: Args) => Promise<CallToolResult>): (args: Args) => Promise<CallToolResult>;
  /** Runs a resource read or a prompt; a thrown error becomes a JSON-RPC error (invalid params when it is the caller's). */
  request<T>(name: string, run: () => Promise<T>): Promise<T>;
}

export function mcpContext(options: McpServerOptions): McpContext {
  const { user, tenant } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const external = (value: unknown): Record<string, unknown> =>
    JSON.parse(JSON.stringify(value, (key, item: unknown) => (key === 'userId' && item === user.internal ? user.external : item))) as Record<string, unknown>;
  const describe = (name: string, error: unknown) => {
    const described = describeError(error, tenant);
    if (described.internal) log(`MCP ${name} for ${user.internal} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return described;
  };
  // One connection's requests run in the order they came: a client that pipelines remember then recall (stdio sends
  // lines as fast as they are written) must find what it just remembered.
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    persona: options.persona,
    user,
    tenant,
    readFiles: options.readFiles,
    now: options.now ?? (() => new Date()),
    log,
    external,
    result: (value, text) => {
      const structuredContent = external(value);
      return { content: [{ type: 'text', text: text ?? JSON.stringify(structuredContent, null, 2) }], structuredContent };
    },
    guard: (name, handler) => async (args) => {
      try {
        return await inOrder(() => handler(args));
      } catch (error) {
        const { body } = describe(`tool ${name}`, error);
        return { isError: true, content: [{ type: 'text', text: `${body.error.code}: ${body.error.message}` }] };
      }
    },
    request: async (name, run) => {
      try {
        return await inOrder(run);
      } catch (error) {
        if (error instanceof McpError) throw error;
        const { body, status } = describe(name, error);
        throw new McpError(status < 500 ? ErrorCode.InvalidParams : ErrorCode.InternalError, `${body.error.code}: ${body.error.message}`, { code: body.error.code });
      }
    },
  };
}
