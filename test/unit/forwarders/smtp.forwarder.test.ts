import { describe, expect, it } from 'vitest';
import { type MailTransport, type OutgoingMail, SmtpForwarder, classifySmtpError, messageIdFor } from '../../../src/outbox/forwarders/smtp.forwarder.js';
import { sampleMessage } from './message.fixture.js';

/** Records every mail; fails with the queued errors first. */
class FakeTransport implements MailTransport {
  readonly sent: OutgoingMail[] = [];
  constructor(private readonly failures: unknown[] = []) {}
  async sendMail(mail: OutgoingMail) {
    this.sent.push(mail);
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    return { messageId: mail.messageId, accepted: [mail.to], rejected: [] };
  }
}

/** Shaped like nodemailer's errors: message, code, command, response text and responseCode. */
function smtpError(responseCode: number | undefined, code: string, command: string, response: string): Error {
  return Object.assign(new Error(`Can't send mail - ${response}`), { code, command, response, responseCode });
}

function forwarder(transport: MailTransport): SmtpForwarder {
  return new SmtpForwarder({
    host: 'smtp.kommune.example',
    port: 587,
    secure: false,
    from: 'Aula-support <aula-support@kommune.example>',
    to: 'servicedesk@netcompany.example',
    transport,
  });
}

describe('SmtpForwarder with an injected transport', () => {
  it('sends the Danish text as body and the JSON as <reportNumber>.json, with the idempotency header', async () => {
    const transport = new FakeTransport();
    const message = sampleMessage();

    const outcome = await forwarder(transport).deliver(message);

    expect(outcome).toEqual({ kind: 'delivered', detail: 'accepted 1, rejected 0' });
    expect(transport.sent).toHaveLength(1);
    const mail = transport.sent[0]!;
    expect(mail).toMatchObject({
      from: 'Aula-support <aula-support@kommune.example>',
      to: 'servicedesk@netcompany.example',
      subject: message.subject,
      text: message.text,
      headers: { 'X-Idempotency-Key': message.idempotencyKey },
    });
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe('AULA-2025-0042.json');
    expect(attachment.contentType).toBe('application/json');
    expect(JSON.parse(attachment.content)).toEqual({ ...message.payload, reportNumber: message.reportNumber, idempotencyKey: message.idempotencyKey });
  });

  it('sends a supplement as its own mail "Supplement til AULA-…", threaded under the report\'s mail', async () => {
    const transport = new FakeTransport();
    const f = forwarder(transport);
    const report = sampleMessage();
    await f.deliver(report);
    const supplement = sampleMessage({
      kind: 'supplement',
      relatesTo: report.idempotencyKey,
      idempotencyKey: 'supplement-key-1',
      subject: 'Supplement til AULA-2025-0042: samme fejl set af Ole',
      text: 'Supplement til fejlrapport AULA-2025-0042\nSamme fejl er også set af: Ole\n',
      payload: { type: 'supplement', number: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1' },
    });
    expect((await f.deliver(supplement)).kind).toBe('delivered');
    const [first, mail] = transport.sent;
    expect(mail!.subject).toMatch(/^Supplement til AULA-2025-0042/);
    expect(mail!.text).toBe(supplement.text);
    expect(mail!.headers).toMatchObject({ 'X-Idempotency-Key': 'supplement-key-1', 'X-Aula-Type': 'supplement', 'In-Reply-To': first!.messageId, References: first!.messageId });
    expect(mail!.messageId).not.toBe(first!.messageId);
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['AULA-2025-0042-supplement.json']);
    expect(JSON.parse(mail!.attachments[0]!.content)).toMatchObject({ type: 'supplement', number: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1' });
  });

  it('gives the mail a Message-ID that is the same on every retry and differs per report', async () => {
    const transport = new FakeTransport([smtpError(451, 'EENVELOPE', 'RCPT TO', '451 4.7.1 Greylisted, try again later')]);
    const f = forwarder(transport);
    await f.deliver(sampleMessage());
    await f.deliver(sampleMessage());
    await f.deliver(sampleMessage({ idempotencyKey: 'outbox-other' }));
    const ids = transport.sent.map((m) => m.messageId);
    expect(ids[0]).toMatch(/^<[0-9a-f]{32}@kommune\.example>$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(messageIdFor('k', 'no-address-here')).toMatch(/@aula-support-bot\.invalid>$/);
  });

  it('retries on SMTP 4xx and gives up on 5xx (but 503), by responseCode', async () => {
    const transport = new FakeTransport([
      smtpError(421, 'ECONNECTION', 'CONN', '421 4.3.2 Service not available, closing channel'),
      smtpError(452, 'EENVELOPE', 'RCPT TO', '452 4.2.2 Mailbox full: servicedesk@netcompany.example'),
      smtpError(550, 'EENVELOPE', 'RCPT TO', '550 5.1.1 <servicedesk@netcompany.example>: Recipient address rejected'),
      smtpError(554, 'EMESSAGE', 'DATA', '554 5.7.1 Message rejected: Beskeder kan ikke sendes'),
      smtpError(535, 'EAUTH', 'AUTH PLAIN', '535 5.7.8 Authentication credentials invalid'),
      smtpError(503, 'EPROTOCOL', 'DATA', '503 5.5.1 Bad sequence of commands'),
    ]);
    const f = forwarder(transport);
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await f.deliver(sampleMessage()));

    expect(outcomes).toEqual([
      { kind: 'retry', reason: 'SMTP 421 at CONN (ECONNECTION)' },
      { kind: 'retry', reason: 'SMTP 452 at RCPT TO (EENVELOPE)' },
      { kind: 'dead', reason: 'SMTP 550 at RCPT TO (EENVELOPE)' },
      { kind: 'dead', reason: 'SMTP 554 at DATA (EMESSAGE)' },
      { kind: 'dead', reason: 'SMTP 535 at AUTH PLAIN (EAUTH)' },
      // 503 is about the session state, not the mail: a new connection can succeed.
      { kind: 'retry', reason: 'SMTP 503 at DATA (EPROTOCOL)' },
    ]);
    // Server replies quote addresses and content; none of it reaches the logged reason.
    expect(JSON.stringify(outcomes)).not.toMatch(/netcompany|Beskeder|Mailbox/);
  });

  it('retries connection errors without a reply code, and gives up on a mail nodemailer refuses to build', () => {
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:587'), { code: 'ECONNECTION', command: 'CONN' }))).toEqual({
      kind: 'retry',
      reason: 'SMTP error at CONN (ECONNECTION)',
    });
    expect(classifySmtpError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', command: 'CONN' })).kind).toBe('retry');
    expect(classifySmtpError(Object.assign(new Error('STARTTLS failed'), { code: 'ETLS', command: 'STARTTLS' })).kind).toBe('retry');
    expect(classifySmtpError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'EDNS' })).kind).toBe('retry');
    expect(classifySmtpError(new Error('socket hang up'))).toEqual({ kind: 'retry', reason: 'SMTP error' });
    expect(classifySmtpError('not even an error')).toEqual({ kind: 'retry', reason: 'SMTP error' });
    expect(classifySmtpError(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE', command: 'API' }))).toEqual({
      kind: 'dead',
      reason: 'SMTP error at API (EENVELOPE)',
    });
  });

  it('never rejects: a throwing transport becomes an outcome', async () => {
    const transport: MailTransport = {
      sendMail: () => Promise.reject(Object.assign(new Error('boom'), { responseCode: 451 })),
    };
    await expect(forwarder(transport).deliver(sampleMessage())).resolves.toEqual({ kind: 'retry', reason: 'SMTP 451' });
  });

  it('gives up on a payload that cannot be serialised, without sending', async () => {
    const transport = new FakeTransport();
    expect(await forwarder(transport).deliver(sampleMessage({ payload: { n: 1n } }))).toEqual({ kind: 'dead', reason: 'payload is not JSON-serialisable' });
    expect(transport.sent).toHaveLength(0);
  });
});
