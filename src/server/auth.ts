// Bearer-key authentication: a factory that validates its options once (like Hono's own middleware) and sets
// the caller's tenant for the routes. The key never reaches a log or a response.
import type { MiddlewareHandler } from 'hono';
import { ConfigError, PersonaError } from '../errors/index.ts';
import { digestKey, type ApiKeys } from './api-keys.ts';
import type { ServerEnv } from './server-env.ts';

export type AuthOptions = { keys: ApiKeys } | { disabled: true };

/** 401: no credentials or unknown ones. Mapped by the error handler. */
export class UnauthorizedError extends PersonaError {
  constructor(message: string) {
    super('unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

export function tenantAuth(options: AuthOptions): MiddlewareHandler<ServerEnv> {
  if ('disabled' in options) {
    if (options.disabled !== true) throw new ConfigError('auth.disabled must be true; to require keys, pass auth: { keys }.');
    return async (c, next) => {
      c.set('tenant', null);
      await next();
    };
  }
  const tenants = new Map<string, string>();
  for (const [key, tenant] of Object.entries(options.keys)) {
    if (key === '' || !/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/.test(tenant)) {
      throw new ConfigError('Every API key must be non-empty and map to a tenant of letters, digits and _ . @ - (no ":").');
    }
    tenants.set(digestKey(key), tenant);
  }
  if (tenants.size === 0) throw new ConfigError('No API keys are configured. Set PERSONAVLM_API_KEYS="key=tenant,…" or server.apiKeysFile, or disable auth for a loopback-only server.');
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedError('This API needs an API key: send the header "Authorization: Bearer <key>".');
    const tenant = tenants.get(digestKey(match[1]!));
    if (tenant === undefined) throw new UnauthorizedError('The API key is not valid. Ask the operator for a key (configured in PERSONAVLM_API_KEYS).');
    c.set('tenant', tenant);
    await next();
  };
}
