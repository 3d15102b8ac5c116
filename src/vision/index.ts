// Offline image understanding: intake, analyzers, colours, vectors, crops, person clustering.
export { prepareImage, type ImageLimits, type PreparedImage } from './prepare-image.ts';
export { SUPPORTED_FORMATS_TEXT } from './image-formats.ts';
export { analyzeImage, type AnalyzeImageOptions } from './analyze-image.ts';
export { imageSearchText, type ImageSearchTextOptions } from './image-search-text.ts';
export { imageVector, vectorSimilarity, IMAGE_VECTOR_MODEL_ID, IMAGE_VECTOR_DIMENSIONS } from './image-vector.ts';
export { createLayoutImageEmbedder } from './layout-image-embedder.ts';
export { cropRegion, type ImageCrop } from './crop-region.ts';
export { dominantColors, colorShares, type DominantColorOptions, type ColorShare } from './dominant-colors.ts';
export { nearestColorName, COLOR_NAMES } from './color-names.ts';
export { assignPersons, type PersonCluster, type PersonAssignment } from './assign-persons.ts';
export { VISION_TUNING } from './tuning.ts';
export { labelFaces } from './label-faces.ts';
export { createVisionAnalyzers, type VisionAnalyzers, type VisionAnalyzersOptions } from './vision-analyzers.ts';
export { visionAvailability, ANALYZER_NAMES, type AnalyzerName } from './vision-availability.ts';
export type { AnalyzerStatus } from './analyzer-status.ts';
export type { OcrAnalyzer, OcrOptions } from './ocr-analyzer.ts';
export type { Detector, DetectorOptions, DetectedObject, DetectedFace } from './human-detector.ts';
