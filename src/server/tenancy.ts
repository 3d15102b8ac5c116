// User ids in URLs are namespaced by tenant: tenant "acme", user "ana" → store user id "acme:ana". Tenant ids
// hold no ":", so no tenant can name a user id that belongs under another tenant's prefix.
import type { Context } from 'hono';
import { InvalidInputError } from '../errors/index.ts';
import type { ServerEnv } from './server-env.ts';

// With a tenant of at most 64 characters, "tenant:user" stays within the store's 128-character ids.
const USER = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,62}$/;

/** Whether a user id can be named in a URL (what checkUser accepts). */
export const isUrlUser = (user: string): boolean => USER.test(user);

export function checkUser(user: string | undefined, where: string): string {
  if (!user || !USER.test(user)) {
    throw new InvalidInputError(`${where} must be 1-63 characters of letters, digits and _ . @ - (starting with a letter or digit), got "${user ?? ''}".`);
  }
  return user;
}

export interface ScopedUser {
  /** As the caller names it (URL, OpenAI `user` field). */
  external: string;
  /** As the store knows it. */
  internal: string;
}

export function scopeUser(tenant: string | null, user: string): ScopedUser {
  return { external: user, internal: tenant === null ? user : `${tenant}:${user}` };
}

/** The `:user` path parameter of this request, scoped to the caller's tenant. */
export function userOf(c: Context<ServerEnv>): ScopedUser {
  return scopeUser(c.get('tenant'), checkUser(c.req.param('user'), 'The user in the path'));
}
