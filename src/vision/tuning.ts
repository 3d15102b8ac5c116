// The offline analyzers' thresholds and sizes, in one table: each value with what chose it. "Not measured" says so
// plainly: such a value is a reasoned guess, the first to revisit when `personavlm bench vision` covers it. User
// settings (which analyzers run, the largest image accepted) live in config/. The image vector's grid, bins and
// weights are not here: they define the vector format personavlm/colour-layout-v1 itself (image-vector.ts), and
// changing one needs a new model id, not a retune.
export const VISION_TUNING = {
  // --- persons (assign-persons.ts) ---
  /**
   * Cosine similarity of two Human "faceres" descriptors above which they are one person. Measured on the test
   * photographs (vision/README.md): the same face in resized and recompressed variants ≥ 0.94, a different person
   * 0.39; 0.55 sits between the two (human-detector.test.ts pins both cases on the photographs).
   */
  personThreshold: 0.55,

  // --- objects and faces (human-detector.ts) ---
  /** CenterNet scores below this are dropped. Not measured over a corpus: the test photographs' objects (person, cup, the cat) are found at it. */
  minObjectScore: 0.35,
  /** BlazeFace box scores below this are dropped. Not measured over a corpus: the test photographs give one face on astronaut.png and none on chelsea.png at it. */
  minFaceScore: 0.5,
  /** At most this many objects, and faces, per image: what a prompt can use, not a measured cap. */
  maxObjects: 10,
  maxFaces: 10,
  /** Longer sides are downscaled to this before detection: the models work at ≤ 512 px, so more only costs decode and transfer. */
  detectorMaxInputSide: 1024,
  /**
   * Per image, the first call's model loading included. Far above what bench vision measured (BENCHMARKS.md:
   * objects + faces 1.6 s cold, 0.22 s a warm image); the margin is for a cold start on a busy machine.
   */
  detectorTimeoutMs: 120_000,

  // --- OCR (ocr-analyzer.ts) ---
  /**
   * tesseract word confidence (0–100) below which a word is dropped: photographs make tesseract "read" texture.
   * Not measured over a corpus: ocr-analyzer.test.ts pins that a photograph without writing yields no word at it.
   */
  minWordConfidence: 70,
  /**
   * A word up to this far below minWordConfidence is kept when both its neighbours were read with at least
   * neighbourConfidence: text between sure words is text (the lone digits of "take 1 capsule 3 times daily").
   * Introduced with the medication label of the recorded scenarios (bench/scenarios) and pinned by
   * ocr-analyzer.test.ts; not tuned over a corpus.
   */
  neighbourSlack: 15,
  neighbourConfidence: 90,

  // --- colours (dominant-colors.ts, analyze-image.ts) ---
  /** The image is sampled at this many pixels a side (48² = 2,304 pixels, < 10 ms on the main thread: vision/README.md). */
  colorSampleSide: 48,
  /** Names given for a whole image, most frequent first, and the share of pixels a name must cover. Not measured. */
  imageColors: 3,
  imageColorMinShare: 0.12,
  /** For an object's crop, centre-weighted: its main colour or two ("red mug"), each covering a fifth. Not measured. */
  objectColors: 2,
  objectColorMinShare: 0.2,

  // --- intake (prepare-image.ts) ---
  /** Thumbnails fit in this square: listings and the inspector show them small. A display choice, not a measurement. */
  thumbnailSide: 256,
} as const;
