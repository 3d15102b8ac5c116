import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysedNote, describePhotos, formatPhotoNote } from './photo-notes.ts';

const analysis = {
  ocrText: 'BLUE FERN CAFE\nMatcha latte 4.50',
  objects: [{ label: 'cup', score: 0.9, box: { x: 0, y: 0, width: 1, height: 1 }, colors: ['green'] }, { label: 'cup', score: 0.8, box: { x: 1, y: 1, width: 1, height: 1 }, colors: ['green'] }],
  faces: [{ box: { x: 0, y: 0, width: 1, height: 1 }, score: 0.9, personId: 'person-1' }, { box: { x: 0, y: 0, width: 1, height: 1 }, score: 0.9, personId: 'person-2' }],
  colors: ['white'],
  caption: null,
  analyzers: { ocr: 'ok' as const },
};

test('a photo note says what the photo holds: its caption does not hide the text read in it, objects once, people by name', () => {
  const note = analysedNote('a receipt on a table', analysis, { 'person-1': 'Inês' });
  assert.equal(formatPhotoNote(note), 'a receipt on a table | text: "BLUE FERN CAFE Matcha latte 4.50" | objects: green cup | people: Inês, person-2');
  assert.equal(formatPhotoNote({ caption: null, text: 'x'.repeat(400), objects: [], people: [] }).length, 'text: ""'.length + 301, 'long text is cut');
});

test('turns stored before notes existed still describe their photos: captions, else their image text, else "no description"', () => {
  const base = { images: [] as string[], metadata: {}, enrichment: null };
  assert.deepEqual(describePhotos({ ...base, metadata: { imageCaptions: ['a dog on a beach'] } }), ['a dog on a beach']);
  const legacy = { keywords: [], lemmas: [], entities: [], dates: [], imageText: 'RECEIPT 4.50' };
  assert.deepEqual(describePhotos({ ...base, images: ['sha'], enrichment: legacy }), ['text: "RECEIPT 4.50"']);
  assert.deepEqual(describePhotos({ ...base, images: ['sha'], enrichment: { ...legacy, imageText: '' } }), ['no description']);
});
