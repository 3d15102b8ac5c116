// `profile`: who the user is as the memory sees them — core profile, habits and routines, Big Five personality.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { UserProfile } from '../facade/index.ts';
import { formatBigFive } from '../prompts/reason-alignment.ts';
import type { McpContext } from './mcp-context.ts';

export function profileText(profile: UserProfile): string {
  const list = (lines: string[], empty: string) => (lines.length > 0 ? lines.map((line) => `- ${line}`).join('\n') : empty);
  const personality = profile.personality
    ? `${formatBigFive(profile.personality.traits)} (from ${profile.personality.interactions} interaction(s), last ${profile.personality.at.toISOString()})`
    : 'not estimated yet (it needs a chat model and some conversation)';
  return [
    `Profile:\n${list(profile.core.map((m) => m.content), '(nothing known yet)')}`,
    `Habits and routines:\n${list(profile.habits.map((m) => m.content), '(none known)')}`,
    `Personality (Big Five, 1-5): ${personality}`,
  ].join('\n\n');
}

export function registerProfileTool(server: McpServer, context: McpContext): void {
  const { persona, user } = context;
  server.registerTool(
    'profile',
    {
      title: 'User profile',
      description: 'The user\'s core profile (name, occupation, residence, preferences, …), habits and routines, and Big Five personality estimate.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    context.guard('profile', async () => {
      const profile = await persona.profile.get(user.internal);
      return context.result({ profile }, profileText(profile));
    }),
  );
}
