// OCR with tesseract.js and the English LSTM model from node_modules. tesseract.js runs the recognizer in its
// own worker thread, so the event loop stays free; the worker is created on first use and reused.
import { sharp } from './sharp.ts';
import type { Worker as TesseractWorker } from 'tesseract.js';
import { ocrAssets } from './vision-assets.ts';
import type { AnalyzerStatus } from './analyzer-status.ts';
import { VISION_TUNING } from './tuning.ts';

export interface OcrOptions {
  /** Words below this confidence (0–100) are dropped: photographs make tesseract "read" texture. Default: tuning.ts. */
  minWordConfidence?: number;
}

export interface OcrAnalyzer {
  readonly name: 'ocr';
  available(): Promise<AnalyzerStatus>;
  /** The text read in the image, one line per text line, or '' when it holds none. */
  recognize(bytes: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

// A kept word must have two letters or digits in a row, or be a number: lone symbols and letters are what texture
// turns into, while "take 1 capsule 3 times daily" needs its lone digits.
const WORDLIKE = /[\p{L}\p{N}]{2,}|^\p{N}+(?:[.,:/]\p{N}+)*$/u;

interface ReadWord {
  text: string;
  confidence: number;
}

/** The words of one line that are text: confident and word-like, or nearly confident between confident words. */
export function keptWords(words: readonly ReadWord[], minConfidence: number): string[] {
  const sure = (word: ReadWord | undefined): boolean => word !== undefined && word.confidence >= VISION_TUNING.neighbourConfidence && WORDLIKE.test(word.text);
  return words
    .filter((word, index) => {
      if (!WORDLIKE.test(word.text)) return false;
      if (word.confidence >= minConfidence) return true;
      return word.confidence >= minConfidence - VISION_TUNING.neighbourSlack && sure(words[index - 1]) && sure(words[index + 1]);
    })
    .map((word) => word.text);
}

export function createOcrAnalyzer(options: OcrOptions = {}): OcrAnalyzer {
  const minConfidence = options.minWordConfidence ?? VISION_TUNING.minWordConfidence;
  let worker: Promise<TesseractWorker> | null = null;

  async function start(): Promise<TesseractWorker> {
    const assets = ocrAssets();
    if (assets.paths === null) throw new Error(`OCR is unavailable: ${assets.status.reason}. ${assets.status.fix}`);
    const tesseract = await import('tesseract.js');
    // cacheMethod 'none': read the model from node_modules each start instead of writing a copy to the cwd.
    return tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, { langPath: assets.paths.langPath, gzip: true, cacheMethod: 'none' });
  }

  return {
    name: 'ocr',
    available: async () => ocrAssets().status,
    async recognize(bytes) {
      worker ??= start();
      let ready: TesseractWorker;
      try {
        ready = await worker;
      } catch (error) {
        worker = null; // a failed start is retried on the next call, not cached forever
        throw error;
      }
      const result = await ready.recognize(await uprightPngOrJpeg(bytes), {}, { text: true, blocks: true });
      const lines = (result.data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
      return lines
        .map((line) => keptWords(line.words, minConfidence).join(' '))
        .filter((line) => line.length > 0)
        .join('\n');
    },
    async close() {
      const pending = worker;
      worker = null;
      // A start that failed was already reported to the recognize() call that awaited it; nothing to stop then.
      const started = await pending?.catch(() => null);
      if (started) await started.terminate();
    },
  };
}

/**
 * Tesseract ignores EXIF orientation (a sideways phone photo reads as noise) and decodes fewer formats than
 * sharp; such inputs are turned upright and into PNG first. Upright JPEG/PNG pass through untouched.
 */
async function uprightPngOrJpeg(bytes: Uint8Array): Promise<Buffer> {
  const metadata = await sharp(bytes).metadata();
  if ((metadata.orientation ?? 1) === 1 && (metadata.format === 'png' || metadata.format === 'jpeg')) return Buffer.from(bytes);
  return sharp(bytes, { pages: 1 }).rotate().png().toBuffer();
}
