// Public surface of the model capability: the ports, the chat client, adapters and their configuration glue.
export type * from './ports.ts';
export { createChatClient, type ChatClientOptions } from './chat-client.ts';
export { createModelAccounting } from './accounting.ts';
export { openAiCompatibleChatModel, type OpenAiCompatibleOptions } from './openai-compatible-chat-model.ts';
export { openAiCompatibleEmbedder, EMBED_PURPOSE, type OpenAiCompatibleEmbedderOptions } from './openai-compatible-embedder.ts';
export { aiSdkTextEmbedder, type AiSdkTextEmbedderOptions } from './ai-sdk-text-embedder.ts';
export { transformersTextEmbedder, type TransformersTextEmbedderOptions, type LoadableTextEmbedder } from './transformers-text-embedder.ts';
export { transformersImageEmbedder, type TransformersImageEmbedderOptions, type LoadableImageEmbedder } from './transformers-image-embedder.ts';
export { chatClientFromConfig, textEmbedderFromConfig, MODEL_HOW_TO_CONFIGURE, EMBEDDER_HOW_TO_CONFIGURE } from './from-config.ts';
export { probeChatEndpoint } from './probe-chat-endpoint.ts';
export { probeTextEmbedder, probeImageEmbedder } from './probe-embedders.ts';
export type { DoctorCheck, CheckStatus } from './doctor-check.ts';
