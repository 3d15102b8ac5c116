// A streamed completion on its way from the endpoint to the client: every byte passes through unchanged (tool
// call deltas, usage chunks, fields unknown here), and the answer's text is gathered on the side so it can be
// remembered when the stream ends.
import { createParser } from 'eventsource-parser';
import { z } from 'zod';

const chunkSchema = z.looseObject({
  choices: z.array(z.looseObject({ index: z.number().nullish(), delta: z.looseObject({ content: z.string().nullish() }).nullish() })).nullish(),
});

/** JSON text, or undefined when it is not JSON (an endpoint's odd line must not break the stream). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The first choice's text of one chunk, or '' (tool-call deltas, usage, keep-alives). */
function contentOf(data: string): string {
  const chunk = chunkSchema.safeParse(parseJson(data));
  if (!chunk.success) return '';
  return chunk.data.choices?.find((choice) => (choice.index ?? 0) === 0)?.delta?.content ?? '';
}

/**
 * The same bytes, and `onEnd(answer)` once the endpoint has finished: before the chunk holding `[DONE]` goes
 * on (clients stop reading there, so one that saw the end finds the answer stored), or when the body ends
 * without one. A stream the client abandons earlier ends without it.
 */
export function gatherAnswer(body: ReadableStream<Uint8Array>, onEnd: (answer: string | null) => Promise<void>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let answer = '';
  let done = false;
  let ended = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') done = true;
      else if (!done) answer += contentOf(event.data);
    },
  });
  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await onEnd(answer.trim() === '' ? null : answer);
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        if (done) await end();
        controller.enqueue(chunk);
      },
      async flush() {
        parser.feed(decoder.decode());
        await end();
      },
    }),
  );
}
