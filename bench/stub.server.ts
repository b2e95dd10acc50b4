/**
 * A tiny HTTP server for the system benchmark, in its own process: it answers every request with
 * the JSON body given as the first argument, and prints {"port":…} once listening. It stands in
 * for the Slack Web API and the Bot Connector, and (given the bot's own reply) is the bare-Node
 * baseline: the same request and response sizes without any work.
 */
import { createServer } from 'node:http';

const body = process.argv[2] ?? '{}';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof a === 'object' && a ? a.port : 0 })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
