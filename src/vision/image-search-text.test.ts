import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageAnalysis } from '../memory/types.ts';
import { imageSearchText } from './image-search-text.ts';

const box = { x: 0, y: 0, width: 10, height: 10 };

test('search text joins caption, OCR text, coloured object labels, colours and named persons', () => {
  const analysis: ImageAnalysis = {
    caption: 'a desk with a laptop',
    ocrText: 'Invoice 4217\n  paid ',
    objects: [
      { label: 'mouse', score: 0.8, box, colors: ['red', 'white'] },
      { label: 'mouse', score: 0.5, box, colors: ['red'] },
      { label: 'laptop', score: 0.7, box, colors: [] },
    ],
    faces: [
      { box, score: 0.9, personId: 'person-1' },
      { box, score: 0.9, personId: 'person-2' },
      { box, score: 0.9, personId: null },
    ],
    colors: ['white', 'gray'],
    analyzers: { ocr: 'ok', objects: 'ok', faces: 'ok', colors: 'ok', caption: 'ok' },
  };
  assert.equal(
    imageSearchText(analysis, { personNames: { 'person-1': 'Alice' } }),
    'a desk with a laptop\nInvoice 4217 paid\nred mouse, laptop\nwhite, gray\nAlice',
  );
});

test('an analysis with nothing found gives empty text, not placeholder words', () => {
  const empty: ImageAnalysis = { caption: null, ocrText: '', objects: [], faces: [], colors: [], analyzers: { ocr: 'unavailable' } };
  assert.equal(imageSearchText(empty), '');
});
