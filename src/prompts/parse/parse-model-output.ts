// The one way prompt parsers read model output: extract JSON (with repair), interpret it into the prompt's
// typed shape, and report. A repaired output emits ONE model_output_repaired warning; an unusable one emits
// model_output_rejected and throws ModelOutputError. Nothing is ever replaced by a default silently.
import type { z } from 'zod';
import { ModelOutputError } from '../../errors/index.ts';
import type { EventBus } from '../../memory/events.ts';
import { extractJson } from './extract-json.ts';
import { OutputShapeError, RepairLog } from './repair-log.ts';

export interface PromptRef {
  id: string;
  version: number;
  /**
   * The output's canonical shape: sent to the endpoint as its JSON schema (prompts/output-format.ts) and checked
   * here first; output that deviates is still read by the tolerant interpreter, and the deviation is reported.
   */
  output?: z.ZodType;
}

export function parseModelOutput<T>(
  prompt: PromptRef,
  text: string,
  events: EventBus,
  interpret: (value: unknown, log: RepairLog) => T,
  expect: 'object' | 'array' | 'any' = 'object',
): T {
  const log = new RepairLog();
  let result: T;
  try {
    const extracted = extractJson(text, expect);
    for (const repair of extracted.repairs) log.note(repair);
    const conforms = prompt.output?.safeParse(extracted.value);
    if (conforms && !conforms.success) {
      const issue = conforms.error.issues[0]!;
      log.note('schema_mismatch', issue.path.join('.') || undefined, issue.message);
    }
    result = interpret(extracted.value, log);
  } catch (error) {
    if (!(error instanceof OutputShapeError) && !(error instanceof Error && error.name === 'TolerantJsonError')) throw error;
    const excerpt = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    events.warn('model_output_rejected', `Output of prompt ${prompt.id}@${prompt.version} could not be used: ${error.message}`, {
      promptId: prompt.id,
      version: prompt.version,
      excerpt,
    });
    throw new ModelOutputError(prompt.id, `${error.message}. The model did not follow the output format; try a stronger model or retry.`, {
      cause: error,
      details: { version: prompt.version, excerpt },
    });
  }
  if (log.repairs.length > 0) {
    events.warn('model_output_repaired', `Output of prompt ${prompt.id}@${prompt.version} needed repair: ${log.codes.join(', ')}`, {
      promptId: prompt.id,
      version: prompt.version,
      repairs: log.repairs,
    });
  }
  return result;
}
