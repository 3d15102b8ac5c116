// Which model the proxy asks the endpoint for. server.proxyModels lists what clients may name: "name" passes as
// is, "alias=upstream-id" maps a name the client knows (gpt-4o) to the endpoint's own (qwen2.5vl:7b). Without a
// list every requested model passes through; a request that names none gets model.modelId.
import { ConfigError, InvalidInputError } from '../errors/index.ts';

export interface ProxyModels {
  /** The endpoint's model id for the requested one; InvalidInputError naming the offered ones when not allowed. */
  resolve(requested: string | undefined): string;
  /** What a client may name (GET /v1/models): the configured names, or the default model alone. */
  readonly offered: readonly string[];
}

export function proxyModels(entries: readonly string[] | undefined, defaultModel: string): ProxyModels {
  const map = new Map<string, string>();
  for (const entry of entries ?? []) {
    const [name, upstream = name] = entry.split('=') as [string, string?];
    if (map.has(name) && map.get(name) !== upstream) throw new ConfigError(`server.proxyModels names "${name}" twice with different models; keep one.`);
    map.set(name, upstream);
  }
  if (map.size === 0) return { resolve: (requested) => requested ?? defaultModel, offered: [defaultModel] };
  const offered = [...map.keys()];
  return {
    offered,
    resolve: (requested) => {
      if (requested === undefined) return defaultModel;
      const upstream = map.get(requested);
      if (upstream === undefined) throw new InvalidInputError(`The model "${requested}" is not offered here; use one of ${offered.map((name) => `"${name}"`).join(', ')} (the operator lists them in server.proxyModels, PERSONAVLM_PROXY_MODELS).`);
      return upstream;
    },
  };
}
