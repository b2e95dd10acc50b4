import { z } from 'zod';
import { fold } from '../text/normalize.js';
import { toText } from './report.coerce.js';

/** When the fault happened: Danish date and time spellings, checked against today in Denmark. */

/** Aula went live in 2019; an earlier date is a typo. */
const EARLIEST_DATE = '2019-01-01';

const DATE_FORMAT = 'Skriv datoen som fx 23-11-2026, 23.11.2026, 2026-11-23, "i dag" eller "i går".';

/** ISO → the Danish day-first spelling users type (2026-12-31 → 31-12-2026). */
const dk = (iso: string): string => iso.split('-').reverse().join('-');

function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Accepts ISO, the Danish day-first spellings (23-11-2026, 23.11.2026, 23/11/2026, 23/11 this
 * year, 23-11-26) and the words "i dag", "i går" and "i forgårs".
 */
function toIsoDate(s: string, today: string): string | undefined {
  const word = fold(s).replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  const relative: Record<string, number> = { 'i dag': 0, idag: 0, 'i gaar': -1, igaar: -1, 'i forgaars': -2, iforgaars: -2 };
  if (word in relative) return shiftDays(today, relative[word]!);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dk = /^(\d{1,2})[-./](\d{1,2})(?:[-./](\d{4}|\d{2}))?\.?$/.exec(s);
  const year = dk ? (dk[3] === undefined ? today.slice(0, 4) : dk[3].length === 2 ? `20${dk[3]}` : dk[3]) : undefined;
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dk ? [year, dk[2], dk[1]] : [];
  if (!y || !m || !d) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in Denmark, where every user of the bot is. */
const COPENHAGEN_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

export function danishToday(now: Date): string {
  const at = now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
  const parts = COPENHAGEN_DATE.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const COPENHAGEN_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time of day in Denmark as HH:MM. */
export function danishClock(now: Date): string {
  const at = now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
  const parts = COPENHAGEN_CLOCK.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

export function dateSchema(today: string) {
  return z.preprocess(
    toText,
    z.string({ required_error: `Skriv datoen, hvor fejlen skete. ${DATE_FORMAT}`, invalid_type_error: DATE_FORMAT }).transform((s, ctx) => {
      const iso = s.length <= 20 ? toIsoDate(s, today) : undefined;
      const fail = (message: string) => (ctx.addIssue({ code: 'custom', message }), z.NEVER);
      if (!iso) return fail(DATE_FORMAT);
      if (!isCalendarDate(iso)) return fail(`Datoen ${dk(iso)} findes ikke i kalenderen. ${DATE_FORMAT}`);
      if (iso > today) return fail(`Datoen ${dk(iso)} ligger i fremtiden. Skriv den dato, hvor fejlen skete.`);
      if (iso < EARLIEST_DATE) return fail(`Datoen ${dk(iso)} ligger før Aula blev taget i brug. Tjek årstallet.`);
      return iso;
    }),
  );
}

const TIME_FORMAT = 'Skriv klokkeslættet som fx 14:30, 9.30 eller kl. 9 (24-timers ur).';
export const timeSchema = z.preprocess(
  toText,
  z.string({ required_error: `Skriv cirka hvornår fejlen skete. ${TIME_FORMAT}`, invalid_type_error: TIME_FORMAT }).transform((s, ctx) => {
    const m = /^(?:(?:ca\.?|cirka|omkring)\s*)?(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?$/i.exec(s.slice(0, 30).trim());
    const h = Number(m?.[1]);
    const min = Number(m?.[2] ?? '0');
    if (!m || h > 23 || min > 59) return (ctx.addIssue({ code: 'custom', message: TIME_FORMAT }), z.NEVER);
    return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  }),
);
