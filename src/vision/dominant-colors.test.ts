import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorShares, dominantColors } from './dominant-colors.ts';
import { nearestColorName } from './color-names.ts';
import { png, renderShape } from './test-images.ts';

test('colour names of rendered shapes: the shape and its background, largest first', async () => {
  assert.deepEqual(await dominantColors(await renderShape('#e01010', '#ffffff')), ['white', 'red']);
  assert.deepEqual(await dominantColors(await renderShape('#1040d0', '#ffd700', 'square')), ['yellow', 'blue']);
  assert.deepEqual(await dominantColors(await renderShape('#20a020', '#000000', 'square')), ['black', 'green']);
  assert.deepEqual(await dominantColors(await renderShape('#ff8c00', '#808080')), ['gray', 'orange']);
});

test('centre focus names the object of a crop, not its background', async () => {
  // A purple disc (35% of the area) in a white frame: by area the frame wins, by centre weight the disc does.
  const crop = await png('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><rect width="300" height="300" fill="#fff"/><circle cx="150" cy="150" r="100" fill="#7b2cbf"/></svg>');
  assert.deepEqual(await dominantColors(crop, { maxColors: 1 }), ['white']);
  assert.deepEqual(await dominantColors(crop, { focus: 'center', maxColors: 1 }), ['purple']);
});

test('shares sum to at most 1 and small patches fall under minShare', async () => {
  const shares = await colorShares(await renderShape('#e01010', '#ffffff'), { minShare: 0 });
  const total = shares.reduce((sum, entry) => sum + entry.share, 0);
  assert.ok(total <= 1.000001 && total > 0.9, `total ${total}`);
  const tiny = await png('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#fff"/><rect width="40" height="40" fill="#f00"/></svg>');
  assert.deepEqual(await dominantColors(tiny), ['white']);
});

test('nearest colour names for dark and light variants', () => {
  const cases: Array<[number, number, number, string]> = [
    [128, 0, 0, 'red'],
    [0, 0, 128, 'blue'],
    [135, 206, 250, 'blue'],
    [255, 182, 193, 'pink'],
    [139, 69, 19, 'brown'],
    [255, 165, 0, 'orange'],
    [128, 128, 128, 'gray'],
    [20, 20, 20, 'black'],
    [250, 250, 250, 'white'],
    [34, 139, 34, 'green'],
    [128, 0, 128, 'purple'],
    [255, 255, 0, 'yellow'],
  ];
  for (const [r, g, b, name] of cases) assert.equal(nearestColorName(r, g, b), name, `rgb(${r},${g},${b})`);
});
