import { fold } from '../text/normalize.js';

/** Raw form and chat values (strings, numbers, lists, yes/no words) made ready for the field schemas. */

/** Raw form/chat value → trimmed text, undefined when empty; other types pass through to fail typing. */
export function toText(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v;
  if (typeof v !== 'string') return v;
  const s = v
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim()
    .normalize('NFC');
  // A lone "=" (keep) or "-" (skip) is a chat instruction, never a value: it must not be stored or forwarded.
  return s === '' || /^[=\-–—]$/.test(s) ? undefined : s;
}

export function toList(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(toText).filter((x) => x !== undefined);
    return items.length === 0 ? undefined : items;
  }
  const t = toText(v);
  if (typeof t !== 'string') return t;
  return t.split(/\s+/).map((s) => s.replace(/[,;]+$/, '')).filter((s) => s !== '');
}

const TRUE_WORDS = new Set(['true', 'ja', 'j', 'on', '1', 'yes', 'x']);
const FALSE_WORDS = new Set(['false', 'nej', 'n', 'off', '0', 'no']);

export function toBool(v: unknown): unknown {
  const t = toText(v);
  if (typeof t !== 'string') return t;
  const f = fold(t.slice(0, 20));
  return TRUE_WORDS.has(f) ? true : FALSE_WORDS.has(f) ? false : t;
}
