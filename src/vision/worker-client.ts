// Request/response over one lazily started worker thread: ids, per-request timeouts, crash recovery.
// The worker is ref'd while it starts (a script awaiting its first answer must not exit) and unref'd once
// ready, so an idle worker never keeps a process alive; each pending request's timer does that meanwhile.
import type { Worker } from 'node:worker_threads';

/** What the worker sends: 'ready' once, then one reply per request, or 'init-failed' instead of 'ready'. */
export type WorkerMessage = { type: 'ready' } | { type: 'init-failed'; message: string } | { type: string; id: number };

export interface WorkerClient<Request, Reply> {
  request(message: Request, transfer?: ArrayBuffer[]): Promise<Reply>;
  close(): Promise<void>;
}

interface Pending<Reply> {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWorkerClient<Request extends object, Reply extends { id: number }>(options: {
  /** What the worker is, for error messages ("The detector"). */
  name: string;
  /** Builds the worker; called on the first request and again after a crash or timeout. */
  start: () => Worker;
  timeoutMs: number;
}): WorkerClient<Request, Reply> {
  let current: { thread: Worker; ready: Promise<Worker> } | null = null;
  const pending = new Map<number, Pending<Reply>>();
  let nextId = 1;

  function rejectAll(error: Error): void {
    for (const entry of pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    pending.clear();
  }

  /** Forget a worker (only if it is still the current one) and fail what waited on it. */
  function retire(thread: Worker, error: Error): void {
    if (current?.thread !== thread) return;
    current = null;
    rejectAll(error);
    void thread.terminate();
  }

  function spawn(): { thread: Worker; ready: Promise<Worker> } {
    const thread = options.start();
    const ready = new Promise<Worker>((resolve, reject) => {
      thread.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          thread.unref();
          resolve(thread);
        } else if (message.type === 'init-failed' && 'message' in message) {
          const error = new Error(`${options.name} could not start: ${message.message}`);
          reject(error);
          retire(thread, error);
        } else if ('id' in message) {
          const entry = pending.get(message.id);
          if (entry === undefined) return; // already timed out
          pending.delete(message.id);
          clearTimeout(entry.timer);
          entry.resolve(message as unknown as Reply);
        }
      });
      thread.on('error', (error) => {
        const crash = new Error(`${options.name} worker crashed: ${error.message}`, { cause: error });
        reject(crash);
        retire(thread, crash);
      });
      thread.on('exit', (code) => {
        const exit = new Error(`${options.name} worker exited with code ${code}`);
        reject(exit);
        retire(thread, exit);
      });
    });
    return { thread, ready };
  }

  return {
    async request(message, transfer = []) {
      current ??= spawn();
      const { thread, ready } = current;
      const id = nextId++;
      return new Promise<Reply>((resolve, reject) => {
        // The timeout covers the start too: a worker stuck loading or in native code is replaced, not waited on.
        const timer = setTimeout(() => {
          retire(thread, new Error(`${options.name} did not answer within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        pending.set(id, { resolve, reject, timer });
        ready.then(
          () => {
            if (pending.has(id)) thread.postMessage({ ...message, id }, transfer);
          },
          (error: Error) => {
            if (!pending.delete(id)) return; // already rejected by retire()
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    },
    async close() {
      const running = current;
      current = null;
      rejectAll(new Error(`${options.name} was closed`));
      if (running !== null) await running.thread.terminate();
    },
  };
}
