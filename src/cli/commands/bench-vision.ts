// `personavlm bench vision`: per analyzer, cold start, median ms per image and peak RSS growth on 2 cores
// (rendered images, plus the scikit-image photographs when present). A benchmark, never a timed test.
import { resolve } from 'node:path';
import { parseBenchFlags, writeAndPrintReport } from './bench-support.ts';
import { InvalidInputError } from '../../errors/index.ts';
import type { Command } from '../io.ts';

const HELP = `Usage: personavlm bench vision --out <dir> [--repeats 3]

Times every offline image analyzer (decode, colours, image vector, OCR, objects + faces, all together) on images
rendered for the purpose and, when PERSONAVLM_PHOTO_DIR or Debian's python3-skimage provides them, photographs.
Writes <dir>/report.md and <dir>/report.json.
`;

export const run: Command = async (args, io) => {
  const values = parseBenchFlags(args, 'vision', { out: { type: 'string' }, repeats: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (typeof values.out !== 'string' || values.out === '') throw new InvalidInputError('--out <dir> is required: the folder for report.md and report.json.');
  const repeats = values.repeats === undefined ? 3 : Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) throw new InvalidInputError(`--repeats must be a whole number ≥ 1, got "${String(values.repeats)}".`);
  const { runVisionBench } = await import('../../vision/bench.ts');
  const lines: string[] = [];
  const rows = await runVisionBench({ repeats, print: (line) => lines.push(line) });
  await writeAndPrintReport(io, resolve(io.cwd, values.out), `# Vision analyzers\n\n${lines.join('\n')}\n`, { repeats, rows });
  return 0;
};
