// One snapshot mechanism for every rendered prompt: the text is committed under src/prompts/__snapshots__/, so a
// change to what the model or the judge receives shows up in review (and should bump the prompt's version).
// Regenerate deliberately with UPDATE_PROMPT_SNAPSHOTS=1. A missing snapshot fails rather than being written, so
// the first run of a new prompt cannot pass by comparing the text with itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChatMessage } from '../../model/ports.ts';

export function matchPromptSnapshot(name: string, rendered: string): void {
  const file = new URL(`../__snapshots__/${name}.txt`, import.meta.url);
  if (process.env.UPDATE_PROMPT_SNAPSHOTS === '1') writeFileSync(file, rendered);
  assert.ok(existsSync(file), `Snapshot ${file.pathname} is missing: run with UPDATE_PROMPT_SNAPSHOTS=1 and commit it.`);
  assert.equal(rendered, readFileSync(file, 'utf8'));
}

/** How the judge, choice and remember snapshots show a message list (the reasoning snapshots keep their own form). */
export function renderPromptMessages(messages: ChatMessage[]): string {
  return messages.map((m) => `--- ${m.role}${m.images ? ` (${m.images.length} image(s))` : ''} ---\n${m.content}\n`).join('\n');
}
