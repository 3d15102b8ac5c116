import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatCompletion, errorResponse, startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../test/openai-compatible-server.ts';
import type { CliIo } from '../io.ts';
import { run } from './doctor.ts';

let server: OpenAiCompatibleServer;
let root: string;
before(async () => {
  server = await startOpenAiCompatibleServer();
  root = await mkdtemp(join(tmpdir(), 'personavlm-doctor-'));
});
after(async () => {
  assert.deepEqual(server.unscripted, [], 'every request was scripted');
  await server.close();
  await rm(root, { recursive: true, force: true });
});

function io(env: Record<string, string>, isTty = false): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (text) => out.push(text), stderr: (text) => out.push(text), isTty, env, cwd: root };
}

interface Report {
  ok: boolean;
  checks: Array<{ name: string; status: string; detail?: string; fix?: string; essential?: boolean }>;
}
const statusOf = (report: Report, name: string) => report.checks.find((check) => check.name === name)?.status;
// A refused port: the database check fails fast, which is what the non-database cases need.
const NO_DATABASE = { PERSONAVLM_DATABASE_URL: 'postgres://doctor@127.0.0.1:9/none' };

test('all essentials and a vision model at the endpoint: exit 0, JSON report, secrets redacted', async () => {
  server.script('GET /models', { json: { object: 'list', data: [{ id: 'qwen2.5vl:7b', object: 'model' }] } });
  server.script('POST /chat/completions', { json: chatCompletion('Red') }, { json: chatCompletion('{"ok": true}') });
  const cli = io({ PERSONAVLM_DATA_DIR: join(root, 'data'), PERSONAVLM_MODEL_BASE_URL: server.baseUrl, PERSONAVLM_MODEL: 'qwen2.5vl:7b', PERSONAVLM_API_KEY: 'sk-very-secret' });
  assert.equal(await run([], cli), 0);
  const text = cli.out.join('');
  assert.ok(!text.includes('sk-very-secret'));
  const report = JSON.parse(text) as Report;
  assert.equal(report.ok, true);
  assert.equal(statusOf(report, 'database'), 'ok');
  assert.equal(statusOf(report, 'pgvector'), 'ok');
  assert.equal(statusOf(report, 'model endpoint'), 'ok');
  assert.equal(statusOf(report, 'model served'), 'ok');
  assert.equal(statusOf(report, 'model accepts images'), 'ok');
  assert.equal(statusOf(report, 'text embedder'), 'warn');
  assert.equal(statusOf(report, 'structured output'), 'ok');
  assert.match(report.checks.find((check) => check.name === 'structured output')?.detail ?? '', /^json_schema .*configured: auto/);
  assert.equal((server.requests.filter((request) => request.method === 'POST')[1]?.body as { response_format?: { type: string } }).response_format?.type, 'json_schema');
  const probe = server.requests.find((request) => request.method === 'POST')?.body as { max_tokens: number; messages: Array<{ content: Array<{ type: string; image_url?: { url: string } }> }> };
  assert.equal(probe.max_tokens, 1);
  assert.match(probe.messages[0]?.content[0]?.image_url?.url ?? '', /^data:image\/png;base64,iVBOR/);
  assert.equal(server.requests.find((request) => request.method === 'GET')?.headers.authorization, 'Bearer sk-very-secret');
});

test('a model that is not served and rejects images: each line says the fix; a dead database exits 1', async () => {
  server.script('GET /models', { json: { data: [{ id: 'llama3.2:3b' }] } });
  server.script(
    'POST /chat/completions',
    errorResponse(400, 'this model does not support images'),
    errorResponse(400, "response_format type 'json_schema' is not supported"),
    { json: chatCompletion('{"ok": true}') },
  );
  const cli = io({ ...NO_DATABASE, PERSONAVLM_MODEL_BASE_URL: server.baseUrl, PERSONAVLM_MODEL: 'qwen2.5vl:7b' }, true);
  assert.equal(await run([], cli), 1);
  const text = cli.out.join('');
  assert.match(text, /missing\s+model served\s+qwen2\.5vl:7b is not in the endpoint's model list/);
  assert.match(text, /fix: Pull it \(Ollama: `ollama pull qwen2\.5vl:7b`\).*Served now: llama3\.2:3b/);
  assert.match(text, /missing\s+model accepts images\s+.*does not support images/);
  assert.match(text, /structured output\s+json_object \(JSON mode without a schema\); json_schema refused, using json_object; configured: auto/);
  assert.match(text, /ERROR\s+database/);
  assert.match(text, /fix: Check PERSONAVLM_DATABASE_URL/);
  assert.match(text, /The database does not work/);
});

test('no model configured is a warning with how to configure it; an unreachable endpoint skips the rest', async () => {
  const none = io(NO_DATABASE);
  await run(['--json'], none);
  const report = JSON.parse(none.out.join('')) as Report;
  assert.equal(statusOf(report, 'model'), 'warn');
  assert.match(report.checks.find((check) => check.name === 'model')?.fix ?? '', /PERSONAVLM_MODEL .*PERSONAVLM_MODEL_BASE_URL/);
  const dead = io({ ...NO_DATABASE, PERSONAVLM_MODEL: 'qwen2.5vl:7b', PERSONAVLM_MODEL_BASE_URL: 'http://127.0.0.1:9/v1' });
  await run([], dead);
  const deadReport = JSON.parse(dead.out.join('')) as Report;
  assert.equal(statusOf(deadReport, 'model endpoint'), 'missing');
  assert.equal(statusOf(deadReport, 'model accepts images'), 'skipped');
});

test('unknown flags are a usage error', async () => {
  await assert.rejects(run(['--bogus'], io({})), /Unknown option '--bogus'.*doctor --help/);
});
