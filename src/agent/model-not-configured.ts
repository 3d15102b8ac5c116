import { ModelNotConfiguredError } from '../errors/index.ts';

/** The one message every chat surface shows when no model is set: it names the settings to use. */
export function chatModelNotConfigured(): ModelNotConfiguredError {
  return new ModelNotConfiguredError(
    'Chat',
    'Point it at an OpenAI-compatible endpoint: set PERSONAVLM_MODEL_BASE_URL (e.g. http://localhost:11434/v1 for Ollama) and PERSONAVLM_MODEL (e.g. qwen2.5vl:7b), or pass --model-base-url and --model, or set "model" in personavlm.config.json.',
  );
}
