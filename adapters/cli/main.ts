import { runCli } from './cli.main.js';

/** The `aula-support` command. */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Uventet fejl: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
