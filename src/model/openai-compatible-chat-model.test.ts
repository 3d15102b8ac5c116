import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { patientFetch } from './openai-compatible-chat-model.ts';

test("the connection waits as long as the call's own timeout allows, not Node's fixed 5 minutes for headers", async () => {
  const server = createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    }, 2500);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const slow = await patientFetch(5_000)(url);
    assert.deepEqual(await slow.json(), { ok: true }, 'headers after 2.5 s arrive within a 5 s timeout');
    await assert.rejects(patientFetch(1000)(url), (error: unknown) => /timeout/i.test(`${String(error)} ${String((error as { cause?: unknown }).cause)}`), 'and the timeout is the one given');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
