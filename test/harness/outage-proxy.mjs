// A TCP pass-through to PostgreSQL in its own process (the test's own thread blocks while PgDb waits
// for the database, so the proxy cannot live there). Lines on stdin: "cut" closes the port and every
// connection, as a network outage would; "restore" listens again. Prints "ready <port>" / "ok".
import { connect, createServer } from 'node:net';

const [listenPort, host, port] = process.argv.slice(2).map((v, i) => (i === 1 ? v : Number(v)));
const sockets = new Set();
let server;
const open = (done) => {
  server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(listenPort, '127.0.0.1', done);
};
open(() => process.stdout.write(`ready ${listenPort}\n`));
let buffer = '';
process.stdin.on('data', (d) => {
  buffer += d.toString();
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const cmd = buffer.slice(0, nl).trim();
    buffer = buffer.slice(nl + 1);
    if (cmd === 'cut') {
      for (const s of sockets) s.destroy();
      server.close(() => process.stdout.write('ok\n'));
    } else if (cmd === 'restore') open(() => process.stdout.write('ok\n'));
  }
});
