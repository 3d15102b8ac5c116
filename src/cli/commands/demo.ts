// `personavlm demo`: the main job on the embedded defaults, no model needed. Imports a sample history (text and a
// photo of a receipt) into the embedded database, answers recall queries over it, and says how to add a model.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configFlagOptions } from '../../config/index.ts';
import { loadHistory } from '../../ingest/load-history.ts';
import { formatStamp } from '../../memory/stamp.ts';
import { cliName, type CliIo } from '../io.ts';
import { openPersona } from '../open-persona.ts';

const SAMPLE = fileURLToPath(new URL('../../../examples/sample-history.jsonl', import.meta.url));

const QUERIES: { query: string; at: string; from?: string; to?: string }[] = [
  { query: 'What am I allergic to?', at: '2026-11-20T12:00:00Z' },
  { query: 'What did I order at the café on Sunday?', at: '2026-11-20T12:00:00Z' },
  { query: 'What do I drink these days?', at: '2026-11-20T12:00:00Z' },
  { query: 'Where did my sister and I eat?', at: '2026-11-20T12:00:00Z', from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
];

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...configFlagOptions(), user: { type: 'string', default: 'demo' }, budget: { type: 'string', default: '300' }, help: { type: 'boolean' } } });
  if (values.help) {
    io.stdout('personavlm demo [--user demo] [--budget 300] [--data-dir DIR]\n  Imports examples/sample-history.jsonl into the embedded database and runs recall queries over it.\n');
    return 0;
  }
  const userId = String(values.user);
  const persona = await openPersona(values, io);
  const stopWarnings = persona.events.on((event) => {
    if (event.type === 'warning') io.stderr(`  warning [${event.code}]: ${event.message}\n`);
  });
  try {
    const where = persona.config.store.engine === 'pglite' ? persona.config.store.dataDir : 'PostgreSQL';
    io.stdout(`Importing ${SAMPLE}\n  into user "${userId}" (${persona.config.store.engine}: ${where})\n`);
    const history = await loadHistory('jsonl', SAMPLE);
    const summary = await persona.ingest(userId, history);
    await persona.drain(userId);
    const images = await persona.images.list(userId);
    io.stdout(`  ${summary.turns.stored} turns stored (${summary.turns.skipped} already there), ${images.length} image(s) analysed, ${persona.accounting.snapshot().total.calls} model calls\n`);
    for (const image of images) {
      const ocr = image.analysis?.ocrText.replace(/\s+/g, ' ').trim();
      io.stdout(`  image ${image.sha256.slice(0, 12)} ${image.width}x${image.height}: OCR ${image.analysis?.analyzers.ocr ?? 'not run'}${ocr ? ` "${ocr}"` : ''}\n`);
    }
    for (const q of QUERIES) {
      const range = q.from || q.to ? { from: q.from ? new Date(q.from) : null, to: q.to ? new Date(q.to) : null } : undefined;
      const result = await persona.recall({ userId, query: q.query, at: new Date(q.at), budgetTokens: Number(values.budget), ...(range ? { timeRange: range } : {}) });
      io.stdout(`\n? ${q.query}${range ? `  [${q.from?.slice(0, 10) ?? '…'} – ${q.to?.slice(0, 10) ?? '…'}]` : ''}\n`);
      for (const item of result.items.slice(0, 3)) {
        const text = item.text.split('\n').map((line) => `    ${line}`).join('\n');
        io.stdout(`  ${item.source} · ${item.at ? formatStamp(item.at, persona.config.memory.timeZone) : 'no time'} · ${item.tokens} tokens · from ${item.sourceTurnIds.length} turn(s)\n${text}\n`);
      }
    }
    io.stdout(
      [
        '',
        persona.chatModel ? `A chat model is configured (${persona.chatModel.modelId}): try \`${cliName(io)} chat --user ${userId}\`.` : 'No chat model is configured, so only LLM-free memory ran (turns, dates, keywords, OCR). To chat, and to extract',
        persona.chatModel ? '' : 'facts, habits, a profile and personality, point it at any OpenAI-compatible endpoint, e.g. Ollama:',
        persona.chatModel ? '' : `  PERSONAVLM_MODEL=qwen2.5vl:7b PERSONAVLM_MODEL_BASE_URL=http://localhost:11434/v1 ${cliName(io)} chat --user ${userId}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    stopWarnings();
    await persona.close();
  }
}
