// Reads one stored image back for the model, for retrieved memories and for the user's own turn alike.
import { PersonaError } from '../errors/index.ts';
import type { ChatImage } from '../model/ports.ts';
import type { MemoryStore } from '../store/memory-store.ts';

/**
 * The image, or null after onMissing when its record or blob is gone: what it belongs to still has its text, so
 * the caller warns and goes on. Anything but a missing image is a real failure and is thrown.
 */
export async function loadStoredImage(store: MemoryStore, userId: string, sha256: string, onMissing: () => void): Promise<ChatImage | null> {
  try {
    const meta = await store.images.get(userId, sha256);
    if (meta) return { bytes: await store.images.readBytes(userId, sha256), mime: meta.mime };
  } catch (error) {
    if (!PersonaError.isInstance(error) || error.code !== 'not_found') throw error;
  }
  onMissing();
  return null;
}
