// Shared model-output parsing for every prompt (see README.md in this folder).
export { extractJson, type ExtractedJson, type ExtractionRepair } from './extract-json.ts';
export { readTolerantJson, TolerantJsonError, type JsonRepair } from './tolerant-json.ts';
export { RepairLog, OutputShapeError, type Repair } from './repair-log.ts';
export { asBoolean, asInteger, asList, asText, asTextList, field, isRecord } from './coerce.ts';
export { parseModelOutput, type PromptRef } from './parse-model-output.ts';
