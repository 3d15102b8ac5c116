// Which encoded formats the intake accepts, and how each is stored. One table, so the error message that
// lists the working formats can never drift from what the code accepts.

/** sharp's format name → what to do with it. `keep`: stored as sent (unless EXIF rotation forces a re-encode). */
interface FormatRule {
  label: string;
  mime: string;
  keep: boolean;
}

const RULES: Record<string, FormatRule> = {
  jpeg: { label: 'JPEG', mime: 'image/jpeg', keep: true },
  png: { label: 'PNG', mime: 'image/png', keep: true },
  webp: { label: 'WebP', mime: 'image/webp', keep: true },
  // GIF: only the first frame is kept, as PNG (lossless, and every chat model accepts it).
  gif: { label: 'GIF (first frame)', mime: 'image/png', keep: false },
  // AVIF/HEIF: most chat model APIs refuse them, so they are re-encoded (to JPEG, or PNG when transparent).
  heif: { label: 'AVIF/HEIF (where the installed libvips can decode it)', mime: 'image/jpeg', keep: false },
};

export function formatRule(format: string | undefined): FormatRule | undefined {
  return format === undefined ? undefined : RULES[format];
}

export const SUPPORTED_FORMATS_TEXT = Object.values(RULES)
  .map((rule) => rule.label)
  .join(', ');
