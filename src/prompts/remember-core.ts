// The core profile after a session (PERSONAVLM.md: identity overwritten by new values, preferences condensed
// to 5–7 weighted by recency and intensity, temporary facts ignored). Alone in the paper budget; a section of
// remember-session in the fixed one.
import { z } from 'zod';
import type { EventBus } from '../memory/events.ts';
import type { ChatMessage } from '../model/ports.ts';
import { asText, asTextList, field, isRecord, OutputShapeError, parseModelOutput, type RepairLog } from './parse/index.ts';
import { type SessionPromptInput, sessionUserMessage } from './remember-session-input.ts';

export const IDENTITY_FIELDS = ['name', 'age', 'gender', 'occupation', 'residence', 'relationship_status'] as const;
export const MAX_PREFERENCES = 7;

/** Profile lines in the order a person reads a profile: the identity fields as listed, then the preferences, then the rest by key. */
export function profileOrder<Entry extends { key: string | null }>(entries: readonly Entry[]): Entry[] {
  const rank = (key: string | null): number => {
    const index = (IDENTITY_FIELDS as readonly string[]).indexOf(key ?? '');
    return index >= 0 ? index : key === 'preferences' ? IDENTITY_FIELDS.length : IDENTITY_FIELDS.length + 1;
  };
  return [...entries].sort((a, b) => rank(a.key) - rank(b.key) || (a.key ?? '').localeCompare(b.key ?? ''));
}

/** The profile update (also remember.session's "core"). */
export const CORE_OUTPUT = z.object({
  // A field not stated may be null or left out: both mean "keep the old value".
  identity: z.object(Object.fromEntries(IDENTITY_FIELDS.map((name) => [name, z.string().nullable().optional()])) as Record<(typeof IDENTITY_FIELDS)[number], z.ZodOptional<z.ZodNullable<z.ZodString>>>),
  preferences: z.array(z.string()).max(MAX_PREFERENCES).nullable(),
});

export const rememberCorePrompt = { id: 'remember.core', version: 2, output: CORE_OUTPUT } as const;

export interface CoreDraft {
  /** Only the fields the session states; null = not stated (the old value stays). */
  identity: Partial<Record<(typeof IDENTITY_FIELDS)[number], string>>;
  /** The condensed list (5–7 when enough is known); null when the model left it out (kept as it was). */
  preferences: string[] | null;
}

export const CORE_INSTRUCTIONS = `Update the user profile from the current profile and the session.
"identity": ${IDENTITY_FIELDS.join(', ')} — give a field only when the session states it (a new value replaces the old),
otherwise null. A fact under "Changed since this profile was written" replaces what the profile says: give the fields it
changes their new value (it counts as stated), and drop preferences it ends.
"preferences": the user's lasting preferences, hobbies and interests, condensed to 5 to 7 short items (fewer if fewer are
known), weighting recent and strongly expressed ones; merge the current list with the session.
Ignore temporary facts (today's mood, a one-off plan). Never invent.`;

export function interpretCore(value: unknown, log: RepairLog): CoreDraft {
  if (!isRecord(value)) throw new OutputShapeError('core must be an object with "identity" and "preferences"');
  const rawIdentity = field(value, 'identity');
  const identity: CoreDraft['identity'] = {};
  if (isRecord(rawIdentity)) {
    for (const name of IDENTITY_FIELDS) {
      const text = asText(field(rawIdentity, name), `core.identity.${name}`, log);
      if (text && !/^(null|none|unknown|n\/a)$/i.test(text)) identity[name] = text;
    }
  } else if (rawIdentity !== undefined && rawIdentity !== null) log.note('dropped_item', 'core.identity', 'not an object');
  const rawPreferences = field(value, 'preferences', 'interests');
  let preferences = rawPreferences === undefined || rawPreferences === null ? null : (asTextList(rawPreferences, 'core.preferences', log) ?? null);
  if (rawPreferences === undefined) log.note('missing_field', 'core.preferences', 'preferences kept as they were');
  if (preferences && preferences.length > MAX_PREFERENCES) {
    log.note('truncated_list', 'core.preferences', `${preferences.length} items, kept ${MAX_PREFERENCES}`);
    preferences = preferences.slice(0, MAX_PREFERENCES);
  }
  return { identity, preferences };
}

export function buildCorePrompt(input: SessionPromptInput): ChatMessage[] {
  return [
    { role: 'system', content: `You maintain the user profile of a personal assistant.\n\n${CORE_INSTRUCTIONS}\n\nAnswer with JSON only, like:\n{"identity": {${IDENTITY_FIELDS.map((name) => `"${name}": ${name === 'name' ? '"Anna"' : name === 'occupation' ? '"nurse"' : 'null'}`).join(', ')}}, "preferences": ["hiking", "jazz"]}` },
    sessionUserMessage(input, { core: true }),
  ];
}

export function parseCoreOutput(text: string, events: EventBus): CoreDraft {
  return parseModelOutput(rememberCorePrompt, text, events, (value, log) => interpretCore(isRecord(value) && isRecord(field(value, 'core')) ? field(value, 'core') : value, log));
}
