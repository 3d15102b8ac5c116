// sharp, loaded on the first image this process decodes (runtime/lazy-module.ts): commands that read no image
// (recall, listings) never pay for libvips.
import type SharpModule from 'sharp';
import { lazyModule } from '../runtime/lazy-module.ts';

const load = lazyModule<typeof SharpModule>('sharp');

export function sharp(...args: Parameters<typeof SharpModule>): ReturnType<typeof SharpModule> {
  return load()(...args);
}
