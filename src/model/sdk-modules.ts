// The AI SDK and undici, loaded when a model is first built or called (runtime/lazy-module.ts): commands that call
// no model (recall, listings, ingest without a model) never pay the ~0.3–0.5 s they take to load.
import type * as Ai from 'ai';
import type * as OpenAiCompatible from '@ai-sdk/openai-compatible';
import type * as Undici from 'undici';
import { lazyModule } from '../runtime/lazy-module.ts';

export const aiSdk = lazyModule<typeof Ai>('ai');
export const openAiCompatibleSdk = lazyModule<typeof OpenAiCompatible>('@ai-sdk/openai-compatible');
export const undici = lazyModule<typeof Undici>('undici');
