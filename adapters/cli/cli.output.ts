/** Output sinks for CLI commands, so tests can capture them without spawning a process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  stdin: process.stdin,
  stdout: process.stdout,
};

/** A CLI refusal or usage error: printed in Danish on stderr, non-zero exit. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
