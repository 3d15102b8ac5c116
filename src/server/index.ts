// The HTTP server's public surface: build the app (createServer) and resolve its keys from configuration.
export { createServer, type ServerOptions } from './create-server.ts';
export { tenantAuth, UnauthorizedError, type AuthOptions } from './auth.ts';
export { loadApiKeys, parseApiKeyEntries, readApiKeysFile, type ApiKeys } from './api-keys.ts';
export { describeError, type ErrorBody } from './error-handler.ts';
export type { ServerEnv } from './server-env.ts';
