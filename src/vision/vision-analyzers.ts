// The set of heavy analyzers a process shares (one OCR worker, one detector worker). Building it does no I/O;
// each analyzer starts on first use. The composition root owns it and calls close() on shutdown.
import { createHumanDetector, type Detector, type DetectorOptions } from './human-detector.ts';
import { createOcrAnalyzer, type OcrAnalyzer, type OcrOptions } from './ocr-analyzer.ts';

export interface VisionAnalyzers {
  ocr: OcrAnalyzer;
  detector: Detector;
  close(): Promise<void>;
}

export interface VisionAnalyzersOptions {
  ocr?: OcrOptions;
  detector?: DetectorOptions;
}

export function createVisionAnalyzers(options: VisionAnalyzersOptions = {}): VisionAnalyzers {
  const ocr = createOcrAnalyzer(options.ocr);
  const detector = createHumanDetector(options.detector);
  return {
    ocr,
    detector,
    async close() {
      await Promise.all([ocr.close(), detector.close()]);
    },
  };
}
