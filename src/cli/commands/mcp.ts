// `personavlm mcp --user <id>`: the user's memory as an MCP server on stdio, for clients that start it
// themselves (Claude Desktop, Cursor, any MCP client). stdout carries the protocol, so everything else goes to
// stderr. It ends when the client closes stdin (or on SIGINT/SIGTERM), closing the store.
import type { Readable, Writable } from 'node:stream';
import { loadConfig, type PersonaConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { Persona } from '../../persona.ts';
import type { CliIo, Command } from '../io.ts';
import { hostCliCommands, type HostedCommands } from '../host/host-commands.ts';
import { version } from '../main.ts';
import { parseFlags } from '../parse-flags.ts';

const HELP = `Usage: personavlm mcp --user <id> [configuration flags]

Serves one user's memory to an MCP client over stdio; the client starts this command (see the README for a
client configuration). Tools: remember, recall, memories_list, memory_get, memory_edit, memory_forget, profile.
Resources: personavlm://profile, personavlm://memories, personavlm://memories/{id}. Prompt: context_for_question.
Every tool acts on --user only. With a chat model configured, the update worker runs while the client is
connected, so profile, facts and personality follow what is remembered. Diagnostics go to stderr.
`;

export interface McpCommandDeps {
  createPersona: (config: PersonaConfig) => Persona | Promise<Persona>;
  stdin?: Readable;
  stdout?: Writable;
  /** Run other CLI processes' commands on the database (cli/host); only for a persona over config's own store. */
  hostCli?: boolean;
}

export function createMcpCommand(deps: McpCommandDeps): Command {
  return async (args, io: CliIo) => {
    const { values } = parseFlags(args, 'mcp', { user: { type: 'string' } });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const user = values.user;
    if (typeof user !== 'string' || user.trim() === '') throw new InvalidInputError('--user <id> is required: whose memory the MCP client may use. See `personavlm mcp --help`.');
    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const [{ createMcpServer, serveStdio }, persona] = await Promise.all([import('../../mcp/index.ts'), deps.createPersona(config)]);
    const stdin = deps.stdin ?? process.stdin;
    let hosted: HostedCommands | null = null;
    try {
      await persona.open();
      persona.events.on((event) => {
        if (event.type === 'warning') io.stderr(`${JSON.stringify({ at: new Date().toISOString(), level: 'warn', code: event.code, message: event.message })}\n`);
      });
      persona.worker.start();
      hosted = deps.hostCli ? await hostCliCommands(persona, 'personavlm mcp', io) : null;
      const server = createMcpServer({ persona, user: { internal: user, external: user }, tenant: null, readFiles: true, version: await version(), log: (line) => io.stderr(`${line}\n`) });
      const { closed, stop } = await serveStdio(server, stdin, deps.stdout ?? process.stdout);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      io.stderr(`personavlm MCP server for user "${user}" on stdio${persona.chatModel ? '' : ' (no chat model: turns are stored, memory is not derived from them)'}\n`);
      await closed;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      return 0;
    } finally {
      await hosted?.close(); // the commands running there finish on the open database
      await persona.close();
    }
  };
}

export const run: Command = createMcpCommand({
  createPersona: async (config) => (await import('../../persona.ts')).createPersona({ config }),
  hostCli: true,
});
