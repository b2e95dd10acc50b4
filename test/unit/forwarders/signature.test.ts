import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../src/outbox/forwarders/webhook.forwarder.js';

const secret = 'hemmelig-nøgle';
const timestamp = '1700000000';
const body = '{"reportNumber":"AULA-2025-0042"}';
const now = 1_700_000_030;
const header = `sha256=${signBody(secret, timestamp, body)}`;

describe('webhook signature helpers', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 as lowercase hex (known vector from openssl)', () => {
    // printf '%s' '1700000000.{"reportNumber":"AULA-2025-0042"}' | openssl dgst -sha256 -hmac 'hemmelig-nøgle'
    expect(signBody(secret, timestamp, body)).toBe('7e6b842147be3e2662cea40bce305df233e4f24cec47815fa6c09707d3d1c669');
  });

  it('accepts a valid signature within the tolerance, before or after now', () => {
    expect(verifySignature(secret, timestamp, body, header, now)).toBe(true);
    expect(verifySignature(secret, timestamp, body, header, 1_700_000_000 - 299)).toBe(true);
    expect(verifySignature(secret, timestamp, body, header.toUpperCase().replace('SHA256=', 'sha256='), now)).toBe(true);
  });

  it('rejects a tampered body', () => {
    expect(verifySignature(secret, timestamp, body.replace('0042', '0043'), header, now)).toBe(false);
    expect(verifySignature(secret, timestamp, `${body} `, header, now)).toBe(false);
  });

  it('rejects a signature made with another secret, and an empty secret', () => {
    expect(verifySignature('en-anden-nøgle', timestamp, body, header, now)).toBe(false);
    const signedWithEmpty = `sha256=${signBody('', timestamp, body)}`;
    expect(verifySignature('', timestamp, body, signedWithEmpty, now)).toBe(false);
  });

  it('rejects stale and far-future timestamps, and a timestamp swapped after signing', () => {
    expect(verifySignature(secret, timestamp, body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature(secret, timestamp, body, header, 1_700_000_000 - 301)).toBe(false);
    expect(verifySignature(secret, timestamp, body, header, 1_700_000_000 + 3_600, 7_200)).toBe(true);
    expect(verifySignature(secret, '1700000020', body, header, now)).toBe(false);
    expect(verifySignature(secret, timestamp, body, header, Number.NaN)).toBe(false);
  });

  it('rejects malformed headers and timestamps without throwing', () => {
    const hex = signBody(secret, timestamp, body);
    for (const bad of ['', hex, `sha1=${hex}`, `sha256=${hex.slice(0, 62)}`, `sha256=${hex}00`, 'sha256=' + 'z'.repeat(64)]) {
      expect(verifySignature(secret, timestamp, body, bad, now)).toBe(false);
    }
    for (const badTs of ['', '17e8', '-1700000000', '1700000000.5', ' 1700000000']) {
      expect(verifySignature(secret, badTs, body, `sha256=${signBody(secret, badTs, body)}`, now)).toBe(false);
    }
  });
});
