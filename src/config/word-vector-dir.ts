// Where the offline word vectors live when embedder.modelDir is unset (personavlm word-vectors install writes there):
// the user's cache, $XDG_CACHE_HOME/personavlm/word-vectors or ~/.cache/personavlm/word-vectors.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultWordVectorDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'personavlm', 'word-vectors');
}
