import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createOcrAnalyzer, keptWords } from './ocr-analyzer.ts';
import { PHOTOS_MISSING, photo, renderText } from './test-images.ts';

// One tesseract worker for the whole file (loading the model is the slow part).
const ocr = createOcrAnalyzer();
after(() => ocr.close());

test('OCR is available from node_modules alone', async () => {
  assert.deepEqual(await ocr.available(), { ok: true });
});

test('reads the words of a rendered receipt, line by line', async () => {
  const text = await ocr.recognize(await renderText(['Invoice 4217 paid in full', 'Dentist on Tuesday at 9:30', 'Blue Bottle Coffee']));
  const lines = text.split('\n');
  assert.equal(lines.length, 3, text);
  assert.match(lines[0]!, /Invoice 4217 paid in full/);
  assert.match(lines[1]!, /Dentist on Tuesday/);
  assert.match(lines[2]!, /Blue Bottle Coffee/);
});

test('a sideways phone photo of text (EXIF orientation 6) and a WebP are read upright', async () => {
  const text = await renderText(['Parking level B2']);
  // Stored rotated a quarter turn back, tagged so that viewers turn it upright again.
  const sideways = new Uint8Array(await sharp(text).rotate(-90).flatten({ background: '#fff' }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer());
  assert.match(await ocr.recognize(sideways), /Parking level B2/);
  const webp = new Uint8Array(await sharp(text).webp({ lossless: true }).toBuffer());
  assert.match(await ocr.recognize(webp), /Parking level B2/);
});

test('an image without text reads as empty, not as symbols', async () => {
  const blank = await renderText([]);
  assert.equal(await ocr.recognize(blank), '');
});

test('a photograph without writing yields no low-confidence texture "words"', async (t) => {
  const cat = photo('chelsea.png');
  if (!cat) return t.skip(PHOTOS_MISSING);
  assert.equal(await ocr.recognize(cat), '');
});

test('lone digits of a line are kept ("take 1 capsule 3 times"), a nearly sure word between sure ones too; lone letters and symbols are not', () => {
  const line = (...words: [string, number][]) => words.map(([text, confidence]) => ({ text, confidence }));
  assert.deepEqual(keptWords(line(['TAKE', 96], ['1', 96], ['CAPSULE', 96], ['3', 96], ['TIMES', 96]), 70), ['TAKE', '1', 'CAPSULE', '3', 'TIMES']);
  assert.deepEqual(keptWords(line(['AMOXICILLIN', 96], ['500', 69], ['MG', 95]), 70), ['AMOXICILLIN', '500', 'MG'], 'just under the threshold between sure words');
  assert.deepEqual(keptWords(line(['AMOXICILLIN', 96], ['500', 50], ['MG', 95]), 70), ['AMOXICILLIN', 'MG'], 'far under it: dropped');
  assert.deepEqual(keptWords(line(['x', 96], ['|', 95], ['~~', 90], ['ab', 60]), 70), [], 'lone letters, symbols and unsure texture stay out');
  assert.deepEqual(keptWords(line(['4.50', 92], ['7,70', 91], ['10:24', 90]), 70), ['4.50', '7,70', '10:24']);
});
