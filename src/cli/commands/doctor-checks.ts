// Doctor's checks outside the model folder: the database (opened for real through createStore, as every
// command will) and the optional vision analyzers (as src/vision reports them).
import { access } from 'node:fs/promises';
import type { PersonaConfig } from '../../config/schema.ts';
import type { DoctorCheck } from '../../model/doctor-check.ts';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export async function probeStore(config: PersonaConfig): Promise<DoctorCheck[]> {
  const { createPersona } = await import('../../persona.ts');
  const { store: settings } = config;
  const postgres = settings.engine === 'postgres';
  const existed = postgres || (await exists(settings.dataDir));
  // The store alone: no model, no embedder, no analyzers are touched.
  const persona = createPersona({ config, model: null, embedder: null, imageEmbedder: null, vision: false });
  try {
    await persona.open();
    const capabilities = await persona.capabilities().finally(() => persona.close());
    const where = postgres ? '' : ` at ${settings.dataDir}${existed ? '' : ' (created now)'}`;
    return [
      { name: 'database', status: 'ok', essential: true, detail: `${capabilities.engine} ${capabilities.serverVersion}, schema v${capabilities.schemaVersion}${where}` },
      capabilities.vector
        ? { name: 'pgvector', status: 'ok', detail: 'vector search uses pgvector' }
        : {
            name: 'pgvector',
            status: 'warn',
            detail: `vector search falls back to an exact scan of each user's vectors (${capabilities.vectorUnavailableReason ?? 'unavailable'})`,
            fix: 'Install pgvector on the server and run `CREATE EXTENSION vector` (e.g. the pgvector/pgvector Docker image). Exact scans are fine for small histories.',
          },
    ];
  } catch (error) {
    await persona.close().catch(() => undefined); // the open failure below is the error worth reporting
    return [
      {
        name: 'database',
        status: 'error',
        essential: true,
        detail: (error as Error).message,
        fix: postgres
          ? 'Check PERSONAVLM_DATABASE_URL and that the server accepts connections (`pg_isready -d "$PERSONAVLM_DATABASE_URL"`).'
          : `Check that ${settings.dataDir} is writable and not held by another personavlm process, or set PERSONAVLM_DATA_DIR.`,
      },
    ];
  }
}

export async function probeVision(config: PersonaConfig): Promise<DoctorCheck[]> {
  const { visionAvailability } = await import('../../vision/index.ts');
  const enabled = new Set<string>(config.vision.analyzers);
  return Object.entries(await visionAvailability()).map(([name, status]): DoctorCheck => {
    const check = `vision: ${name}`;
    if (status.ok) return { name: check, status: enabled.has(name) ? 'ok' : 'skipped', detail: enabled.has(name) ? 'available' : 'available, disabled in vision.analyzers' };
    if (!enabled.has(name)) return { name: check, status: 'skipped', detail: status.reason ?? 'unavailable' };
    return { name: check, status: 'missing', detail: status.reason ?? 'unavailable', ...(status.fix ? { fix: status.fix } : {}) };
  });
}
