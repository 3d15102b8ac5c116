// A small named palette and nearest-name lookup in CIELAB.
// Why hand-written and not k-means: retrieval needs colour *names* ("red mouse"), and k-means would give
// centroids that still need naming, with run-to-run variation. Snapping each pixel to the nearest of a few
// prototypes per basic colour term (Berlin & Kay's eleven) in a perceptual space gives names directly,
// deterministically, with no dependency. Several prototypes per name cover dark and light variants.

const PALETTE: Record<string, string[]> = {
  black: ['#000000', '#1a1a1a'],
  white: ['#ffffff', '#f0f0f0'],
  gray: ['#808080', '#b0b0b0', '#505050'],
  red: ['#ff0000', '#c81e1e', '#8b0000', '#e03c31'],
  orange: ['#ff8c00', '#ffa500', '#e06c00'],
  yellow: ['#ffff00', '#ffd700', '#f0e68c'],
  green: ['#00ff00', '#008000', '#228b22', '#6b8e23', '#90ee90', '#2e5e2e'],
  blue: ['#0000ff', '#1e90ff', '#000080', '#4169e1', '#87ceeb', '#00bfff'],
  purple: ['#800080', '#8a2be2', '#9370db', '#4b0082'],
  pink: ['#ffc0cb', '#ff69b4', '#ff1493', '#db7093'],
  brown: ['#8b4513', '#a0522d', '#5c3a1e', '#d2b48c', '#7b5b3a'],
};

export const COLOR_NAMES = Object.keys(PALETTE);

type Lab = [number, number, number];

const PROTOTYPES: Array<{ name: string; lab: Lab }> = Object.entries(PALETTE).flatMap(([name, hexes]) =>
  hexes.map((hex) => ({ name, lab: rgbToLab(parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)) })),
);

/** The palette name nearest to an sRGB colour (0–255 channels). */
export function nearestColorName(red: number, green: number, blue: number): string {
  const lab = rgbToLab(red, green, blue);
  let best = PROTOTYPES[0]!;
  let bestDistance = Infinity;
  for (const prototype of PROTOTYPES) {
    const distance = (lab[0] - prototype.lab[0]) ** 2 + (lab[1] - prototype.lab[1]) ** 2 + (lab[2] - prototype.lab[2]) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = prototype;
    }
  }
  return best.name;
}

/** sRGB (D65) → CIELAB. */
export function rgbToLab(red: number, green: number, blue: number): Lab {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const r = linear(red);
  const g = linear(green);
  const b = linear(blue);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
