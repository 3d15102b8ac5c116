// What a command may touch of the outside world; tests pass their own.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal: human output and progress bars; otherwise JSON/NDJSON. */
  isTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
