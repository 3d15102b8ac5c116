// Responses name users as the caller does: the store's tenant-scoped id ("acme:ana") becomes "ana" again.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ScopedUser } from './tenancy.ts';

export function externalJson(value: unknown, user: ScopedUser): string {
  return JSON.stringify(value, (key, item: unknown) => (key === 'userId' && item === user.internal ? user.external : item));
}

export function respond(c: Context, user: ScopedUser, value: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(externalJson(value, user), status, { 'content-type': 'application/json; charset=utf-8' });
}
