import { runCli } from './cli.main.js';

// Piped into `head` (or a pager that quits): the reader is gone, so stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** The `aula-support` command. */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A fault, not a usage error: one Danish line; the stack only when asked for (CLI_LOG_LEVEL=debug).
    const detail = err instanceof Error ? `${err.name}${'code' in err ? ` ${String(err.code)}` : ''}: ${err.message}` : String(err);
    process.stderr.write(`Der skete en uventet fejl: ${detail}\n`);
    if (process.env.CLI_LOG_LEVEL === 'debug' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
