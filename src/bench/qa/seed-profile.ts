// Persona-MME gives each user a profile up front, and the official harness starts its agent with it. We seed
// it as core memories in the shape the update phase writes ("Occupation: …" under key "occupation"), so the
// session-end profile rewrite starts from it. Idempotent: a key already in the core profile is left alone.
import type { MemoryStore } from '../../store/memory-store.ts';

const label = (key: string): string => key.replace(/[_\s]+/g, ' ').trim().replace(/^./, (c) => c.toUpperCase());
const asKey = (key: string): string => key.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_|_$/g, '');

function entries(profile: unknown): Array<[key: string, value: string]> {
  if (typeof profile === 'string') return profile.trim() ? [['profile', profile.trim()]] : [];
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) return [];
  return Object.entries(profile as Record<string, unknown>).flatMap(([key, value]): Array<[string, string]> => {
    if (value === null || value === undefined || value === '') return [];
    return [[key, typeof value === 'string' ? value : JSON.stringify(value)]];
  });
}

/** Returns the keys it added. */
export async function seedProfile(store: MemoryStore, userId: string, profile: unknown): Promise<string[]> {
  const wanted = entries(profile);
  if (wanted.length === 0) return [];
  await store.users.ensure(userId);
  const live = new Set((await store.memories.list(userId, { types: ['core'] })).map((memory) => memory.key));
  const added: string[] = [];
  for (const [rawKey, value] of wanted) {
    const key = asKey(rawKey);
    if (!key || live.has(key)) continue;
    await store.memories.add(userId, { type: 'core', key, content: `${label(rawKey)}: ${value}`, keywords: [key], detail: { value, source: 'dataset profile' } });
    added.push(key);
  }
  return added;
}
