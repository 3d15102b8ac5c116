// Doctor's checks of a chat endpoint: reachable (GET /models), serves the configured model, accepts an image
// (a 1-token request carrying a tiny generated PNG), and which structured-output format it takes (a tiny request
// with a JSON schema, stepping down as the client itself does in auto mode).
import { z } from 'zod';
import type { ModelConfig } from '../config/schema.ts';
import { createChatClient } from './chat-client.ts';
import { openAiCompatibleChatModel } from './openai-compatible-chat-model.ts';
import type { DoctorCheck } from './doctor-check.ts';

const modelList = z.object({ data: z.array(z.object({ id: z.string() }).loose()).nullish() }).loose();

async function tinyPng(): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  // 32×32: several vision models reject images under 28 pixels a side.
  return new Uint8Array(await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer());
}

async function listModels(model: ModelConfig): Promise<{ check: DoctorCheck; ids?: string[] }> {
  const url = `${model.baseUrl.replace(/\/+$/, '')}/models`;
  const name = 'model endpoint';
  let response: Response;
  try {
    response = await fetch(url, { headers: model.apiKey ? { authorization: `Bearer ${model.apiKey}` } : {}, signal: AbortSignal.timeout(Math.min(model.timeoutMs, 10_000)) });
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    return { check: { name, status: 'missing', detail: `cannot reach ${url}: ${reason}`, fix: 'Start the model server (Ollama: `ollama serve`) or set PERSONAVLM_MODEL_BASE_URL to its /v1 URL.' } };
  }
  if (response.status === 401 || response.status === 403) {
    return { check: { name, status: 'missing', detail: `${url} refused the credentials (HTTP ${response.status})`, fix: `Set the API key in ${model.apiKeyEnv}.` } };
  }
  const parsed = response.ok ? modelList.safeParse(await response.json().catch(() => undefined)) : undefined;
  if (!parsed?.success) {
    // Some servers have no /models; the chat check below still tells whether the endpoint works.
    return { check: { name, status: 'warn', detail: `${url} answered HTTP ${response.status} without a model list` } };
  }
  const ids = parsed.data.data?.map((entry) => entry.id) ?? [];
  return { check: { name, status: 'ok', detail: `reachable at ${model.baseUrl} (${ids.length} models)` }, ids };
}

export async function probeChatEndpoint(model: ModelConfig): Promise<DoctorCheck[]> {
  const { check: endpoint, ids } = await listModels(model);
  if (endpoint.status === 'missing') {
    const skipped = (name: string): DoctorCheck => ({ name, status: 'skipped', detail: 'the endpoint is not reachable' });
    return [endpoint, skipped('model served'), skipped('model accepts images')];
  }
  const checks: DoctorCheck[] = [endpoint];
  if (ids === undefined) checks.push({ name: 'model served', status: 'skipped', detail: 'the endpoint lists no models' });
  else if (ids.includes(model.modelId)) checks.push({ name: 'model served', status: 'ok', detail: `${model.modelId} is served` });
  else {
    const choices = ids.length ? ` Served now: ${ids.slice(0, 10).join(', ')}.` : '';
    checks.push({ name: 'model served', status: 'missing', detail: `${model.modelId} is not in the endpoint's model list`, fix: `Pull it (Ollama: \`ollama pull ${model.modelId}\`) or set PERSONAVLM_MODEL to a served model.${choices}` });
  }
  const client = createChatClient(openAiCompatibleChatModel({ baseUrl: model.baseUrl, modelId: model.modelId, ...(model.apiKey ? { apiKey: model.apiKey } : {}) }), { timeoutMs: model.timeoutMs, maxRetries: 0 });
  try {
    await client.generate({ purpose: 'doctor', maxOutputTokens: 1, messages: [{ role: 'user', content: 'Reply with one word: what colour is this image?', images: [{ bytes: await tinyPng(), mime: 'image/png' }] }] });
    checks.push({ name: 'model accepts images', status: 'ok', detail: `${model.modelId} answered a request with an image` });
  } catch (error) {
    checks.push({ name: 'model accepts images', status: 'missing', detail: (error as Error).message, fix: 'Use a vision model (e.g. qwen2.5vl:7b, llava, gemma3) or fix the error above; text-only models cannot see images.' });
  }
  checks.push(await probeResponseFormat(model));
  return checks;
}

const PROBE_FORMAT = { name: 'doctor_probe', schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } };

/** Which response_format the endpoint takes, as model.responseFormat would use it. */
async function probeResponseFormat(model: ModelConfig): Promise<DoctorCheck> {
  const name = 'structured output';
  if (model.responseFormat === 'off') return { name, status: 'skipped', detail: 'model.responseFormat is "off": replies are parsed from plain text' };
  const downgrades: string[] = [];
  const client = createChatClient(openAiCompatibleChatModel({ baseUrl: model.baseUrl, modelId: model.modelId, ...(model.apiKey ? { apiKey: model.apiKey } : {}) }), {
    timeoutMs: model.timeoutMs,
    maxRetries: 0,
    responseFormat: model.responseFormat,
    onFormatDowngrade: (from, to) => downgrades.push(`${from} refused, using ${to}`),
  });
  try {
    await client.generate({ purpose: 'doctor', maxOutputTokens: 16, output: PROBE_FORMAT, messages: [{ role: 'user', content: 'Answer with the JSON object {"ok": true}.' }] });
  } catch (error) {
    return { name, status: 'warn', detail: `a request with response_format ${client.responseFormat()} failed: ${(error as Error).message}`, fix: 'Set model.responseFormat (PERSONAVLM_MODEL_RESPONSE_FORMAT) to json_object or off for this server.' };
  }
  const mode = client.responseFormat();
  const how = mode === 'json_schema' ? 'the prompts\' JSON schemas are sent' : mode === 'json_object' ? 'JSON mode without a schema' : 'plain text, parsed tolerantly';
  return { name, status: mode === 'off' ? 'warn' : 'ok', detail: `${mode} (${how})${downgrades.length ? `; ${downgrades.join('; ')}` : ''}; configured: ${model.responseFormat}` };
}
