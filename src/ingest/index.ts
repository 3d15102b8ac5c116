// History importers: every supported format → the neutral History that remember/ingest replays.
export { loadHistory, HISTORY_FORMATS, type HistoryFormat, type LoadHistoryOptions } from './load-history.ts';
export { loadJsonlHistory } from '../datasets/jsonl/jsonl-history.ts';
