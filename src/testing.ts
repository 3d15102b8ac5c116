// `personavlm/testing`: the doubles this project tests itself with, for programs that embed personavlm. Scripted
// models record what they received and throw on a call nobody scripted; the OpenAI-compatible server stands in for
// a real endpoint over HTTP; the conformance suite (node:test) checks a MemoryStore adapter the way ours are checked.
export { ScriptedChatModel, generatedText, streamedText, describePrompt, type ScriptedReply, type ScriptedText, type RecordedModelCall } from './test/scripted-chat-model.ts';
export { ScriptedEmbeddingModel, type ScriptedEmbedReply, type RecordedEmbedCall } from './test/scripted-embedding-model.ts';
export { FixedTextEmbedder } from './test/fixed-text-embedder.ts';
export {
  startOpenAiCompatibleServer,
  chatCompletion,
  chatChunks,
  embeddingsResponse,
  errorResponse,
  type OpenAiCompatibleServer,
  type RecordedRequest,
  type ScriptedHttpResponse,
} from './test/openai-compatible-server.ts';
export { runStoreConformance, runExactVectorConformance, type ConformanceTarget } from './test/store-conformance.ts';
