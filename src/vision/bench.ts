// Vision benchmark: per analyzer, cold start, median ms per image and peak RSS growth, on rendered images and
// (when installed) scikit-image photographs. Run: `node src/vision/bench.ts`. Not a test: timings are not asserted.
import { fileURLToPath } from 'node:url';
import { analyzeImage } from './analyze-image.ts';
import { dominantColors } from './dominant-colors.ts';
import { imageVector } from './image-vector.ts';
import { prepareImage } from './prepare-image.ts';
import { png, photo, renderShape, renderText, rotatedExifJpeg } from './test-images.ts';
import { createVisionAnalyzers } from './vision-analyzers.ts';

export interface VisionBenchRow {
  analyzer: string;
  images: number;
  /** First call, including any model loading. */
  coldMs: number;
  medianMs: number;
  /** Highest RSS seen while this analyzer ran, minus RSS just before it started (workers included). */
  peakRssDeltaMb: number;
}

export interface VisionBenchOptions {
  /** Timed runs per image after the cold call. Default 3. */
  repeats?: number;
  print?: (line: string) => void;
}

export async function runVisionBench(options: VisionBenchOptions = {}): Promise<VisionBenchRow[]> {
  const repeats = options.repeats ?? 3;
  const print = options.print ?? ((line: string) => console.log(line));
  const images = await benchImages();
  const analyzers = createVisionAnalyzers();
  const limits = { maxBytes: 50_000_000, maxPixels: 50_000_000 };
  const tasks: Array<[string, (bytes: Uint8Array) => Promise<unknown>]> = [
    ['prepareImage (sharp)', (bytes) => prepareImage(bytes, limits)],
    ['colours (palette)', (bytes) => dominantColors(bytes)],
    ['image vector (colour layout)', (bytes) => imageVector(bytes)],
    ['OCR (tesseract.js worker)', (bytes) => analyzers.ocr.recognize(bytes)],
    ['objects + faces (Human, WASM worker)', (bytes) => analyzers.detector.detect(bytes, { objects: true, faces: true })],
    ['analyzeImage (all, warm)', (bytes) => analyzeImage(bytes, { analyzers })],
  ];
  const rows: VisionBenchRow[] = [];
  try {
    for (const [analyzer, run] of tasks) rows.push(await measure(analyzer, run, images.map((image) => image.bytes), repeats));
  } finally {
    await analyzers.close();
  }
  print(`Images: ${images.map((image) => image.name).join(', ')}; ${repeats} timed runs each after one cold call.\n`);
  print('| analyzer | images | cold ms | median ms/image | peak RSS delta MB |');
  print('|---|---:|---:|---:|---:|');
  for (const row of rows) print(`| ${row.analyzer} | ${row.images} | ${row.coldMs.toFixed(0)} | ${row.medianMs.toFixed(1)} | ${row.peakRssDeltaMb.toFixed(1)} |`);
  return rows;
}

async function measure(analyzer: string, run: (bytes: Uint8Array) => Promise<unknown>, images: Uint8Array[], repeats: number): Promise<VisionBenchRow> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const coldStart = performance.now();
    await run(images[0]!);
    const coldMs = performance.now() - coldStart;
    const times: number[] = [];
    for (let round = 0; round < repeats; round += 1) {
      for (const bytes of images) {
        const start = performance.now();
        await run(bytes);
        times.push(performance.now() - start);
      }
    }
    peak = Math.max(peak, process.memoryUsage.rss());
    return { analyzer, images: images.length, coldMs, medianMs: median(times), peakRssDeltaMb: (peak - baseline) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

async function benchImages(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const rendered = [
    { name: 'rendered text', bytes: await renderText(['Invoice 4217 paid in full', 'Dentist on Tuesday at 9:30']) },
    { name: 'rendered shapes', bytes: await png('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="400" fill="#f5f0e6"/><ellipse cx="150" cy="200" rx="40" ry="60" fill="#d01818"/><rect x="380" y="170" width="80" height="100" fill="#1d4ed8"/></svg>') },
    { name: 'red disc', bytes: await renderShape('#e01010', '#ffffff') },
    { name: 'EXIF-rotated JPEG', bytes: await rotatedExifJpeg() },
  ];
  const photos = (['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg'] as const).flatMap((name) => {
    const bytes = photo(name);
    return bytes ? [{ name, bytes }] : [];
  });
  return [...rendered, ...photos];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runVisionBench();
