import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileForwarder } from '../../../src/outbox/forwarders/file.forwarder.js';
import { sampleMessage } from './message.fixture.js';

// Pass-through spies, so a test can make one rename fail as a crash or a full disk would.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, rename: vi.fn(real.rename), open: vi.fn(real.open) };
});

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aula-forward-'));
  dir = join(root, 'til-netcompany');
  vi.mocked(fsp.rename).mockClear();
  vi.mocked(fsp.open).mockClear();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileForwarder', () => {
  it('creates the folder and writes both files with the payload, report number, key and Danish text', async () => {
    const message = sampleMessage();
    const outcome = await new FileForwarder(dir).deliver(message);

    expect(outcome).toEqual({ kind: 'delivered', detail: 'written' });
    expect((await readdir(dir)).sort()).toEqual(['AULA-2025-0042.json', 'AULA-2025-0042.txt']);
    const jsonText = await readFile(join(dir, 'AULA-2025-0042.json'), 'utf8');
    expect(jsonText).toContain('\n  "municipalityCode": "492"'); // pretty-printed
    expect(JSON.parse(jsonText)).toEqual({ ...message.payload, reportNumber: 'AULA-2025-0042', idempotencyKey: message.idempotencyKey });
    expect(await readFile(join(dir, 'AULA-2025-0042.txt'), 'utf8')).toBe(message.text);
  });

  it('writes each file to a temp file in the same folder and renames it into place, the .json last', async () => {
    await new FileForwarder(dir).deliver(sampleMessage());

    const renames = vi.mocked(fsp.rename).mock.calls.map(([from, to]) => ({ from: String(from), to: String(to) }));
    expect(renames.map((r) => r.to)).toEqual([join(dir, 'AULA-2025-0042.txt'), join(dir, 'AULA-2025-0042.json')]);
    for (const r of renames) {
      expect(dirname(r.from)).toBe(dir);
      expect(r.from).not.toBe(r.to);
    }
    // The temp files were opened exclusively for writing (never an existing file) and are gone now.
    const opened = vi.mocked(fsp.open).mock.calls.filter(([, flags]) => flags === 'wx').map(([p]) => String(p));
    expect(opened.sort()).toEqual(renames.map((r) => r.from).sort());
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('leaves no half-written report and no temp file when the disk fails, and the retry completes it', async () => {
    vi.mocked(fsp.rename).mockImplementationOnce(async () => {
      throw Object.assign(new Error(`ENOSPC: no space left on device, rename '${dir}/AULA-2025-0042.txt'`), { code: 'ENOSPC' });
    });
    const forwarder = new FileForwarder(dir);

    const first = await forwarder.deliver(sampleMessage());
    expect(first).toEqual({ kind: 'retry', reason: 'file write failed: ENOSPC' });
    expect(await readdir(dir)).toEqual([]);

    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'delivered', detail: 'written' });
    expect((await readdir(dir)).sort()).toEqual(['AULA-2025-0042.json', 'AULA-2025-0042.txt']);
  });

  it('finishes a delivery that crashed between the two files (text there, JSON missing)', async () => {
    const real = await vi.importActual<typeof fsp>('node:fs/promises');
    vi.mocked(fsp.rename)
      .mockImplementationOnce(real.rename)
      .mockImplementationOnce(async () => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      });
    const forwarder = new FileForwarder(dir);
    expect((await forwarder.deliver(sampleMessage())).kind).toBe('retry');
    expect(await readdir(dir)).toEqual(['AULA-2025-0042.txt']);

    expect(await forwarder.deliver(sampleMessage())).toEqual({ kind: 'delivered', detail: 'written' });
    expect(JSON.parse(await readFile(join(dir, 'AULA-2025-0042.json'), 'utf8')).idempotencyKey).toBe(sampleMessage().idempotencyKey);
  });

  it('treats a repeat with the same idempotency key as delivered without rewriting', async () => {
    const forwarder = new FileForwarder(dir);
    await forwarder.deliver(sampleMessage());
    const before = await stat(join(dir, 'AULA-2025-0042.json'));
    vi.mocked(fsp.rename).mockClear();

    // A restarted worker repeats the delivery (even with a changed text, nothing is rewritten).
    const again = await new FileForwarder(dir).deliver(sampleMessage({ text: 'ændret' }));

    expect(again).toEqual({ kind: 'delivered', detail: 'already written' });
    expect(fsp.rename).not.toHaveBeenCalled();
    expect((await stat(join(dir, 'AULA-2025-0042.json'))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(join(dir, 'AULA-2025-0042.txt'), 'utf8')).toBe(sampleMessage().text);
  });

  it('refuses to overwrite another report filed under the same number, and names both reports for the operator', async () => {
    const mine = { ...sampleMessage().payload, reportUid: 'uid-a', installationId: 'inst-1' };
    await new FileForwarder(dir).deliver(sampleMessage({ payload: mine }));
    const other = await new FileForwarder(dir).deliver(sampleMessage({ idempotencyKey: 'outbox-other', payload: { ...mine, reportUid: 'uid-b', installationId: 'inst-2' } }));
    expect(other.kind).toBe('dead');
    expect(other.kind === 'dead' && other.reason).toMatch(/AULA-2025-0042\.json already exists and belongs to a different report \(report uid-a of installation inst-1; this is report uid-b of installation inst-2\)/);
    expect(JSON.parse(await readFile(join(dir, 'AULA-2025-0042.json'), 'utf8')).idempotencyKey).toBe(sampleMessage().idempotencyKey);
  });

  it('writes a supplement as its own pair of files next to the report, once per key, never touching the report', async () => {
    await new FileForwarder(dir).deliver(sampleMessage());
    const supplement = sampleMessage({
      kind: 'supplement',
      idempotencyKey: 'supplement-key-1',
      subject: 'Supplement til AULA-2025-0042: samme fejl set af Ole',
      text: 'Supplement til fejlrapport AULA-2025-0042\nSamme fejl er også set af: Ole\n',
      payload: { type: 'supplement', number: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1', seenBy: { name: 'Ole', email: 'ole@aeroe.dk' } },
    });
    expect(await new FileForwarder(dir).deliver(supplement)).toEqual({ kind: 'delivered', detail: 'written' });
    expect(await new FileForwarder(dir).deliver(supplement)).toEqual({ kind: 'delivered', detail: 'already written' });
    const second = await new FileForwarder(dir).deliver({ ...supplement, idempotencyKey: 'supplement-key-2', payload: { ...supplement.payload, idempotencyKey: 'supplement-key-2' } });
    expect(second).toEqual({ kind: 'delivered', detail: 'written' });
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(6);
    const supplementJson = files.filter((f) => /^AULA-2025-0042\.supplement-[0-9a-f]{12}\.json$/.test(f));
    expect(supplementJson).toHaveLength(2);
    const first = JSON.parse(await readFile(join(dir, supplementJson.find((f) => f.includes(createHash('sha256').update('supplement-key-1').digest('hex').slice(0, 12)))!), 'utf8'));
    expect(first).toMatchObject({ type: 'supplement', number: 'AULA-2025-0042', reportNumber: 'AULA-2025-0042', idempotencyKey: 'supplement-key-1', seenBy: { name: 'Ole' } });
    expect(JSON.parse(await readFile(join(dir, 'AULA-2025-0042.json'), 'utf8')).idempotencyKey).toBe(sampleMessage().idempotencyKey);
    expect(await readFile(join(dir, 'AULA-2025-0042.txt'), 'utf8')).toBe(sampleMessage().text);
  });

  it('rejects report numbers that would escape the folder or hide the file', async () => {
    for (const reportNumber of ['../AULA-1', 'a/b', '.hidden', '', 'AULA..1']) {
      expect(await new FileForwarder(dir).deliver(sampleMessage({ reportNumber }))).toMatchObject({ kind: 'dead' });
    }
  });

  it('returns retry with the error code only (no path, no report content) when the folder cannot be used', async () => {
    const blocker = join(root, 'is-a-file');
    await writeFile(blocker, 'x');
    const outcome = await new FileForwarder(join(blocker, 'sub')).deliver(sampleMessage());
    expect(outcome).toEqual({ kind: 'retry', reason: 'file write failed: ENOTDIR' });
  });
});
