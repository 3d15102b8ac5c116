// `personavlm serve [--port 8787] [--host 127.0.0.1]`: the HTTP API, OpenAI-compatible proxy and inspector,
// with the update worker running beside it. SIGINT/SIGTERM: stop accepting, stop the worker, close the store.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { configFlagOptions, loadConfig, type PersonaConfig } from '../../config/index.ts';
import { ConfigError, InvalidInputError } from '../../errors/index.ts';
import type { Persona } from '../../persona.ts';
import type { AuthOptions } from '../../server/auth.ts';
import type { CliIo, Command } from '../io.ts';
import { hostCliCommands, type HostedCommands } from '../host/host-commands.ts';

const HELP = `Usage: personavlm serve [--port <n>] [--host <address>] [--api-keys-file <path>] [--no-auth] [configuration flags]

Serves the REST API (/v1/users/:user/…), an MCP endpoint per user (/v1/users/:user/mcp, streamable HTTP), the
OpenAI-compatible proxy (/v1/chat/completions, /v1/models; server.proxyModels picks the models), /inspector and /healthz.
API keys map to tenants: PERSONAVLM_API_KEYS="key1=tenantA,key2=tenantB" or a file of key=tenant lines
(--api-keys-file, PERSONAVLM_API_KEYS_FILE). --no-auth serves without keys, on a loopback host only.
Defaults: --host 127.0.0.1 --port 8787 (PERSONAVLM_HOST, PERSONAVLM_PORT).
`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface ServeCommandDeps {
  createPersona: (config: PersonaConfig) => Persona | Promise<Persona>;
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: () => Promise<string>;
  /** Run other CLI processes' commands on the database (cli/host); only for a persona over config's own store. */
  hostCli?: boolean;
}

function processSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function authFor(config: PersonaConfig, noAuth: boolean): Promise<{ auth: AuthOptions; tenants: string[] }> {
  if (noAuth) {
    if (!LOOPBACK.has(config.server.host)) throw new ConfigError(`--no-auth is refused on host ${config.server.host}: without keys, anyone who reaches the port reads every memory. Serve on 127.0.0.1 or configure PERSONAVLM_API_KEYS.`);
    return { auth: { disabled: true }, tenants: [] };
  }
  const { loadApiKeys } = await import('../../server/api-keys.ts');
  const keys = await loadApiKeys(config.server);
  if (Object.keys(keys).length === 0) {
    throw new ConfigError('No API keys are configured. Set PERSONAVLM_API_KEYS="key=tenant,…" or --api-keys-file <path>, or pass --no-auth for a loopback-only server.');
  }
  return { auth: { keys }, tenants: [...new Set(Object.values(keys))].sort() };
}

export function createServeCommand(deps: ServeCommandDeps): Command {
  return async (args, io: CliIo) => {
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({ args, options: { ...configFlagOptions(), 'no-auth': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
    } catch (error) {
      throw new InvalidInputError(`${(error as Error).message}. See \`personavlm serve --help\`.`, { cause: error });
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
    const { auth, tenants } = await authFor(config, values['no-auth'] === true);
    const { createServer } = await import('../../server/create-server.ts');
    const persona = await deps.createPersona(config);
    let hosted: HostedCommands | null = null;
    try {
      await persona.open();
      const app = createServer({ persona, auth, log: (line) => io.stderr(`${line}\n`) });
      // Failures of the background update phase would otherwise be visible only in the jobs table: one JSON line
      // each on stderr (jobs list / retry, and GET /v1/users/:user/jobs, show and requeue them).
      persona.events.on((event) => {
        if (event.type === 'warning' && LOGGED_WARNINGS.has(String(event.code))) io.stderr(`${JSON.stringify({ at: new Date().toISOString(), level: 'warn', code: event.code, message: event.message, ...(event.details as Record<string, unknown> | undefined) })}\n`);
      });
      persona.worker.start();
      hosted = deps.hostCli ? await hostCliCommands(persona, 'personavlm serve', io) : null;
      const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const started = serve({ fetch: app.fetch, hostname: config.server.host, port: config.server.port }, () => resolve(started));
        started.once('error', (error) => reject(new ConfigError(`Cannot listen on ${config.server.host}:${config.server.port}: ${error.message}. Pick another --port or --host.`, { cause: error })));
      });
      const { port } = server.address() as AddressInfo;
      const who = tenants.length ? `API keys for tenants: ${tenants.join(', ')}` : 'no auth (loopback only)';
      io.stdout(`personavlm serving on http://${config.server.host}:${port} (${who}); inspector at /inspector\n`);
      if (!persona.chatModel) io.stderr('warning: no chat model is configured; chat routes answer 503 until PERSONAVLM_MODEL is set.\n');
      const signal = await (deps.stopSignal ?? processSignal)();
      io.stderr(`${signal}: stopping\n`);
      // Open streams (SSE) would hold close() forever; they are cut once new connections are refused.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return 0;
    } finally {
      await hosted?.close(); // the commands running there finish on the open database
      await persona.close();
    }
  };
}

/** Warnings of work nobody is waiting on (the worker, the model endpoint): logged by the server as they happen. */
const LOGGED_WARNINGS = new Set(['job_failed', 'job_lease_lost', 'job_lease_recovered', 'worker_poll_failed', 'model_output_rejected', 'response_format_downgraded', 'image_analysis_failed']);

export const run: Command = createServeCommand({
  createPersona: async (config) => (await import('../../persona.ts')).createPersona({ config }),
  hostCli: true,
});
