import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpForwarder } from '../../../src/outbox/forwarders/smtp.forwarder.js';
import { sampleMessage } from './message.fixture.js';

// Runs the forwarder through the real nodemailer (a dependency), checking that the mail we build is
// what nodemailer sends and that its real errors are classified as the fake-transport tests assume.

const servers: Server[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A plain-text SMTP server on 127.0.0.1 that greets with `greeting` and answers STARTTLS with `startTlsReply`. */
async function startSmtp(greeting: string, startTlsReply = '502 5.5.1 Command not implemented'): Promise<{ port: number; commands: string[] }> {
  const commands: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    socket.write(`${greeting}\r\n`);
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 2);
        commands.push(line);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.example\r\n250 SIZE 1000000\r\n');
        else if (verb === 'HELO') socket.write('250 fake.example\r\n');
        else if (verb === 'STARTTLS') socket.write(`${startTlsReply}\r\n`);
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, commands };
}

function smtpForwarder(port: number): SmtpForwarder {
  return new SmtpForwarder({ host: '127.0.0.1', port, secure: false, from: 'aula-support@kommune.example', to: 'servicedesk@netcompany.example' });
}

describe('SmtpForwarder with the real nodemailer', () => {
  it('builds a mail nodemailer renders with the idempotency header, Message-ID, Danish body and JSON attachment', async () => {
    const nodemailer = (await import('nodemailer')).default;
    // nodemailer's stream transport renders the RFC 5322 message instead of sending it.
    const render = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    let raw = '';
    const forwarder = new SmtpForwarder({
      host: 'unused',
      port: 587,
      secure: false,
      from: 'Aula-support <aula-support@kommune.example>',
      to: 'servicedesk@netcompany.example',
      transport: {
        sendMail: async (mail) => {
          const info = await render.sendMail(mail);
          raw = String(info.message);
          return info;
        },
      },
    });

    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'delivered', detail: 'sent' });
    expect(raw).toMatch(/^X-Idempotency-Key: outbox-7f3c2a9e-report-42$/m);
    expect(raw).toMatch(/^Message-ID: <[0-9a-f]{32}@kommune\.example>$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m); // Danish subject MIME-encoded, not raw 8-bit
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/Kommune: =C3=86r=C3=B8 \(492\)/); // "Ærø", quoted-printable
    expect(raw).toMatch(/^Content-Type: application\/json; name=AULA-2025-0042\.json$/m);
    expect(raw).toMatch(/^Content-Disposition: attachment; filename=AULA-2025-0042\.json$/m);

    // A real transporter can be injected as it is.
    const direct = new SmtpForwarder({ host: 'unused', port: 587, secure: false, from: 'a@kommune.example', to: 'b@netcompany.example', transport: render });
    expect((await direct.deliver(sampleMessage())).kind).toBe('delivered');
  });

  it('never sends in clear text: STARTTLS refused → no mail command reaches the server', async () => {
    const busy = await startSmtp('220 fake.example ESMTP', '454 4.7.0 TLS not available right now');
    expect(await smtpForwarder(busy.port).deliver(sampleMessage())).toEqual({ kind: 'retry', reason: 'SMTP 454 at STARTTLS (ETLS)' });
    const noTls = await startSmtp('220 fake.example ESMTP', '502 5.5.1 Command not implemented');
    expect(await smtpForwarder(noTls.port).deliver(sampleMessage())).toEqual({ kind: 'dead', reason: 'SMTP 502 at STARTTLS (ETLS)' });
    for (const commands of [busy.commands, noTls.commands]) {
      expect(commands).toContain('STARTTLS');
      expect(commands.some((c) => /^(MAIL|RCPT|DATA|AUTH)/i.test(c))).toBe(false);
    }
  });

  it('retries on a 421 greeting and gives up on a 554 greeting', async () => {
    const busy = await startSmtp('421 4.3.2 fake.example busy, try later');
    expect(await smtpForwarder(busy.port).deliver(sampleMessage())).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^SMTP 421/) });
    const refusing = await startSmtp('554 5.7.1 no service for you');
    expect(await smtpForwarder(refusing.port).deliver(sampleMessage())).toMatchObject({ kind: 'dead', reason: expect.stringMatching(/^SMTP 554/) });
  });

  it('retries when nothing listens on the port', async () => {
    const smtp = await startSmtp('220 x');
    const server = servers.pop()!;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await smtpForwarder(smtp.port).deliver(sampleMessage())).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/ECONNECTION|ESOCKET/) });
  });
});
