// Draws the photos of the recorded scenarios (src/bench/scenarios/data/*/): a receipt, a boarding pass and a pharmacy
// label, as a phone photo of paper would look (text on a slightly grey card, a darker background). Run once;
// the PNGs are committed so OCR reads the same pixels on every machine:
//   node scripts/make-scenario-photos.ts
import sharp from 'sharp';

interface Card {
  file: string;
  lines: { text: string; size: number; bold?: boolean }[];
  width: number;
}

const cards: Card[] = [
  {
    file: 'src/bench/scenarios/data/maya/receipt.png',
    width: 520,
    lines: [
      { text: 'BLUE FERN CAFE', size: 34, bold: true },
      { text: 'Rua das Flores 12, Lisboa', size: 20 },
      { text: '11/10/2026  10:24', size: 20 },
      { text: 'Matcha latte          4.50', size: 24 },
      { text: 'Almond croissant      3.20', size: 24 },
      { text: 'TOTAL                 7.70 EUR', size: 26, bold: true },
    ],
  },
  {
    file: 'src/bench/scenarios/data/leo/boarding-pass.png',
    width: 640,
    lines: [
      { text: 'KLM BOARDING PASS', size: 34, bold: true },
      { text: 'LEO DE VRIES', size: 24 },
      { text: 'FLIGHT KL861  AMS - TOKYO HND', size: 26 },
      { text: 'DATE 14 APR 2026  DEP 14:35', size: 24 },
      { text: 'SEAT 32A  GATE F4', size: 24 },
    ],
  },
  {
    file: 'src/bench/scenarios/data/ines/pharmacy-label.png',
    width: 600,
    lines: [
      { text: 'HARBOR PHARMACY', size: 32, bold: true },
      { text: 'INES SANTOS', size: 24 },
      { text: 'AMOXICILLIN 500 MG CAPSULES', size: 26, bold: true },
      { text: 'TAKE 1 CAPSULE 3 TIMES DAILY', size: 24 },
      { text: 'FOR 7 DAYS WITH FOOD', size: 24 },
      { text: 'QTY 21  REFILLS 0', size: 22 },
    ],
  },
];

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

for (const card of cards) {
  const lineHeight = (size: number): number => Math.round(size * 1.6);
  const height = 60 + card.lines.reduce((sum, line) => sum + lineHeight(line.size), 0);
  let y = 40;
  const texts = card.lines.map((line) => {
    y += lineHeight(line.size) - Math.round(line.size * 0.4);
    const text = `<text x="40" y="${y}" font-family="DejaVu Sans Mono, monospace" font-size="${line.size}"${line.bold ? ' font-weight="bold"' : ''} fill="#1d1d1f">${escape(line.text)}</text>`;
    y += Math.round(line.size * 0.4);
    return text;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${card.width + 80}" height="${height + 80}">
    <rect width="100%" height="100%" fill="#5b4a3c"/>
    <rect x="40" y="40" width="${card.width}" height="${height}" fill="#f4f1ea" transform="rotate(-1.5 ${card.width / 2} ${height / 2})"/>
    <g transform="translate(40 40) rotate(-1.5 ${card.width / 2} ${height / 2})">${texts.join('')}</g>
  </svg>`;
  await sharp(Buffer.from(svg)).png().toFile(card.file);
  console.log(`wrote ${card.file}`);
}
