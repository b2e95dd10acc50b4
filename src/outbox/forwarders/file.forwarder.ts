import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DeliveryOutcome, ForwardMessage, Forwarder } from '../forwarder.port.js';

/** Report numbers become file names: no separators, no leading dot, nothing exotic. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Writes each report as `<reportNumber>.json` (payload + reportNumber + idempotencyKey) and
 * `<reportNumber>.txt` (the Danish text) into a folder that someone (or a sync job) picks up.
 *
 * Each file is written to a hidden temp file in the same folder, fsynced and renamed into place,
 * so a reader never sees half a file. The `.txt` is written first and the `.json` last: the
 * `.json` with its idempotency key is the marker that the delivery is complete.
 *
 * A supplement is written next to its report as `<reportNumber>.supplement-<id>.json` / `.txt`.
 * A `.json` that carries another key belongs to a different report (the numbers repeated: a
 * restored database without its high-water file, or two installations sharing the folder); it is
 * never overwritten nor taken as ours, and the delivery becomes a dead letter naming both.
 */
export class FileForwarder implements Forwarder {
  readonly name = 'file';

  constructor(private readonly dir: string) {}

  async deliver(message: ForwardMessage): Promise<DeliveryOutcome> {
    const { reportNumber, idempotencyKey } = message;
    if (!SAFE_NAME.test(reportNumber) || reportNumber.includes('..')) {
      return { kind: 'dead', reason: 'report number is not usable as a file name' };
    }
    const base = message.kind === 'supplement' ? `${reportNumber}.supplement-${shortId(idempotencyKey)}` : reportNumber;
    const jsonPath = join(this.dir, `${base}.json`);
    const textPath = join(this.dir, `${base}.txt`);
    try {
      await mkdir(this.dir, { recursive: true });
      const existing = await readExistingKey(jsonPath, idempotencyKey);
      if (existing.kind === 'other') {
        // Another report under the same number: overwriting would lose it, and retrying will not help.
        return { kind: 'dead', reason: differentReport(`${base}.json`, existing, message.payload) };
      }
      if (existing.kind === 'same' && (await exists(textPath))) {
        return { kind: 'delivered', detail: 'already written' };
      }
      const json = `${JSON.stringify({ ...message.payload, reportNumber, idempotencyKey }, null, 2)}\n`;
      await writeAtomic(this.dir, textPath, message.text);
      await writeAtomic(this.dir, jsonPath, json);
      await syncDir(this.dir);
      return { kind: 'delivered', detail: 'written' };
    } catch (err) {
      return { kind: 'retry', reason: `file write failed: ${errorCode(err)}` };
    }
  }
}

/**
 * The highest report number per year among the reports in `dir` (`AULA-2026-000123.json`), so
 * numbering can continue past them after a restore even without the high-water file. Files the
 * desk has already taken away are not seen; a missing folder counts as none.
 */
export function highestNumbersIn(dir: string): Record<string, number> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  for (const name of names) {
    const m = /^AULA-(\d{4})-(\d{6})\.json$/.exec(name);
    if (m) out[m[1]!] = Math.max(out[m[1]!] ?? 0, Number(m[2]));
  }
  return out;
}

type ExistingKey = { kind: 'none' } | { kind: 'same' } | { kind: 'other'; reportUid?: string; installationId?: string };

/** Short, file-name-safe and stable for one supplement (its key is already unique). */
function shortId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12);
}

/** The operator's message for a file that belongs to another report: ids only, never report text. */
function differentReport(file: string, existing: { reportUid?: string; installationId?: string }, payload: Record<string, unknown>): string {
  const id = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v) ? v : 'unknown');
  const theirs = `report ${id(existing.reportUid)} of installation ${id(existing.installationId)}`;
  const ours = `report ${id(payload.reportUid)} of installation ${id(payload.installationId)}`;
  return `${file} already exists and belongs to a different report (${theirs}; this is ${ours}): the report number was used twice (a database restored without its .numbers high-water file, or two installations sharing FORWARD_DIR). Nothing was overwritten; see README "Drift"`;
}

/** Whether `<reportNumber>.json` is absent, ours (same key) or someone else's. */
async function readExistingKey(jsonPath: string, expectedKey: string): Promise<ExistingKey> {
  let raw: string;
  try {
    raw = await readFile(jsonPath, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  // Files are renamed into place whole, so unreadable JSON was not written by us: treat it as foreign.
  try {
    const json = JSON.parse(raw) as { idempotencyKey?: unknown; reportUid?: unknown; installationId?: unknown } | null;
    if (json?.idempotencyKey === expectedKey) return { kind: 'same' };
    return {
      kind: 'other',
      ...(typeof json?.reportUid === 'string' ? { reportUid: json.reportUid } : {}),
      ...(typeof json?.installationId === 'string' ? { installationId: json.installationId } : {}),
    };
  } catch {
    return { kind: 'other' };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

async function writeAtomic(dir: string, target: string, content: string): Promise<void> {
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Make the renames durable. Some platforms cannot open or fsync a directory; the files are still whole. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

/** The errno code only: messages carry paths, and paths carry report numbers. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'unknown error';
}
