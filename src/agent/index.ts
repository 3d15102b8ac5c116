// The response phase: the reasoning loop (createAgent) and one chat turn end to end (createChat).
export { createAgent } from './agent.ts';
export { AGENT_DEFAULTS, agentConfig, type Agent, type AgentConfig, type AgentDeps, type AgentMode, type AgentStep, type RespondInput, type RespondResult, type ShownItem } from './agent-types.ts';
export { createChat, type ChatDeps, type ChatInput, type ChatOutcome, type ChatRun, type ChatService, type RecordTurn } from './chat.ts';
export { chatModelNotConfigured } from './model-not-configured.ts';
