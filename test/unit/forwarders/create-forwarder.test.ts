import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ForwarderConfig, FileForwarder, SmtpForwarder, WebhookForwarder, createForwarder } from '../../../src/outbox/forwarders/index.js';
import { sampleMessage } from './message.fixture.js';

const base: ForwarderConfig = { FORWARDER: 'file', FORWARD_DIR: './data/forward' };

describe('createForwarder', () => {
  it('builds the file forwarder from FORWARD_DIR, and it delivers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aula-create-'));
    try {
      const f = createForwarder({ ...base, FORWARD_DIR: dir });
      expect(f).toBeInstanceOf(FileForwarder);
      expect(f.name).toBe('file');
      expect((await f.deliver(sampleMessage())).kind).toBe('delivered');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('builds the webhook forwarder and names each missing or unusable variable', () => {
    const ok = { ...base, FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: 'https://desk.example/aula', FORWARD_WEBHOOK_SECRET: 's3cret' } as const;
    expect(createForwarder(ok)).toBeInstanceOf(WebhookForwarder);
    expect(() => createForwarder({ ...ok, FORWARD_WEBHOOK_URL: undefined })).toThrow(/FORWARD_WEBHOOK_URL is missing.*FORWARDER=webhook/);
    expect(() => createForwarder({ ...ok, FORWARD_WEBHOOK_SECRET: '  ' })).toThrow(/FORWARD_WEBHOOK_SECRET is missing/);
    expect(() => createForwarder({ ...ok, FORWARD_WEBHOOK_URL: 'desk.example/aula' })).toThrow(/FORWARD_WEBHOOK_URL must be an http\(s\) URL/);
    expect(() => createForwarder({ ...ok, FORWARD_WEBHOOK_URL: 'ftp://desk.example/' })).toThrow(/FORWARD_WEBHOOK_URL/);
  });

  it('builds the smtp forwarder and names each missing variable', () => {
    const ok = {
      ...base,
      FORWARDER: 'smtp',
      SMTP_HOST: 'smtp.kommune.example',
      FORWARD_EMAIL_FROM: 'aula-support@kommune.example',
      FORWARD_EMAIL_TO: 'servicedesk@netcompany.example',
    } as const;
    const f = createForwarder(ok);
    expect(f).toBeInstanceOf(SmtpForwarder);
    expect(f.name).toBe('smtp');
    for (const name of ['SMTP_HOST', 'FORWARD_EMAIL_FROM', 'FORWARD_EMAIL_TO'] as const) {
      expect(() => createForwarder({ ...ok, [name]: undefined })).toThrow(new RegExp(`${name} is missing.*FORWARDER=smtp`));
    }
    expect(() => createForwarder({ ...ok, SMTP_USER: 'bot' })).toThrow(/SMTP_PASSWORD is missing/);
    expect(() => createForwarder({ ...ok, SMTP_PASSWORD: 'pw' })).toThrow(/SMTP_USER is missing/);
    expect(() => createForwarder({ ...ok, SMTP_PORT: 70_000 })).toThrow(/SMTP_PORT/);
    expect(createForwarder({ ...ok, SMTP_USER: 'bot', SMTP_PASSWORD: 'pw', SMTP_PORT: 465 })).toBeInstanceOf(SmtpForwarder);
  });

  it('names FORWARD_DIR when the file forwarder has no folder', () => {
    expect(() => createForwarder({ ...base, FORWARD_DIR: '' })).toThrow(/FORWARD_DIR is missing.*FORWARDER=file/);
  });

  it('refuses an unknown FORWARDER', () => {
    expect(() => createForwarder({ ...base, FORWARDER: 'fax' as never })).toThrow(/FORWARDER must be one of file, webhook, smtp \(got "fax"\)/);
  });
});
