import { describe, expect, it } from 'vitest';
import { REPORT_FIELD_HELP, REPORT_FIELD_LABELS, REPORT_FIELD_ORDER } from '../../../src/reports/report.labels.js';
import { parseDraft, parseReportInput, type ReportFields } from '../../../src/reports/report.schema.js';
import { NOW, VALID_FIELDS, rawReport } from './report.fixtures.js';

function errorsOf(input: unknown, now = NOW): Partial<Record<keyof ReportFields, string>> {
  const r = parseReportInput(input, now);
  if (r.ok) throw new Error('expected validation errors');
  return r.errors;
}

function valueOf(input: unknown, now = NOW): ReportFields {
  const r = parseReportInput(input, now);
  if (!r.ok) throw new Error(`expected a valid report, got ${JSON.stringify(r.errors)}`);
  return r.value;
}

const SEVERITY_CHOICES = 'Vælg et af: Kritisk, Alvorlig, Mindre alvorlig, Kosmetisk.';
const DATE_FORMAT = 'Skriv datoen som fx 23-11-2026, 23.11.2026, 2026-11-23, "i dag" eller "i går".';

describe('field metadata', () => {
  it('orders, labels and explains every field exactly once', () => {
    const keys = Object.keys(REPORT_FIELD_LABELS).sort();
    expect([...REPORT_FIELD_ORDER].sort()).toEqual(keys);
    expect(new Set(REPORT_FIELD_ORDER).size).toBe(REPORT_FIELD_ORDER.length);
    expect(Object.keys(REPORT_FIELD_HELP).sort()).toEqual(keys);
    expect(REPORT_FIELD_LABELS.title).toBe('Titel');
    expect(REPORT_FIELD_LABELS.whatHappened).toBe('Hvad skete der?');
    expect(REPORT_FIELD_LABELS.setupChecked).toBe('Brugerens opsætning er tjekket i kommunens administrative systemer');
    expect(REPORT_FIELD_HELP.affectedNames).toBe('Fulde navne, ikke UNI-login');
    expect(REPORT_FIELD_HELP.attachments).toBe('Links til anonymiserede skærmbilleder');
  });
});

describe('parseReportInput: valid reports', () => {
  it('accepts a complete report, trims text and splits attachment links', () => {
    expect(valueOf(rawReport())).toEqual(VALID_FIELDS);
  });

  it('accepts its own output again (stored drafts are re-validated), also after CPR masking', () => {
    expect(valueOf(VALID_FIELDS)).toEqual(VALID_FIELDS);
    const masked = { ...VALID_FIELDS, attachments: ['https://deling.kommune.dk/[CPR-nummer skjult].png'], affectedNames: 'Anna Jensen [CPR-nummer skjult]' };
    expect(valueOf(masked)).toEqual(masked);
  });

  it('treats empty strings as missing optional fields', () => {
    const v = valueOf(rawReport({ errorText: '   ', otherUsers: '', groupName: '', attachments: '' }));
    expect(v).not.toHaveProperty('errorText');
    expect(v).not.toHaveProperty('otherUsers');
    expect(v).not.toHaveProperty('attachments');
  });

  it('accepts attachments as an array or a space separated string', () => {
    expect(valueOf(rawReport({ attachments: ['https://a.dk/1.png', ' http://b.dk/2.png '] })).attachments).toEqual(['https://a.dk/1.png', 'http://b.dk/2.png']);
    expect(valueOf(rawReport({ attachments: 'https://a.dk/1.png https://b.dk/2.png' })).attachments).toHaveLength(2);
  });

  it.each([
    ['area', 'Komme/gå', 'komme_gaa'],
    ['area', 'KOMME/GAA', 'komme_gaa'],
    ['area', 'overblik/opslag', 'overblik'],
    ['area', 'Sikker fildeling og filer', 'filer'],
    ['severity', 'mindre alvorlig', 'mindre_alvorlig'],
    ['severity', 'KRITISK', 'kritisk'],
    ['platform', 'Aula-appen for forældre og elever', 'app_foraeldre'],
    ['platform', 'aula-appen for foraeldre og elever', 'app_foraeldre'],
    ['profileType', 'Forælder', 'foraelder'],
    ['profileType', 'barn/elev', 'barn'],
    ['workedBefore', 'Ved ikke', 'ved_ikke'],
    ['affectedScope', 'Hele kommunen', 'kommune'],
  ])('accepts %s by its Danish label %j', (field, typed, key) => {
    expect(valueOf(rawReport({ [field]: typed }))[field as keyof ReportFields]).toBe(key);
  });

  it('accepts Danish day-first dates, dotted times and a numeric institution code', () => {
    const v = valueOf(rawReport({ occurredDate: '3.11.2026', occurredTime: 'kl. 9.05', institutionCode: 280123 }));
    expect(v.occurredDate).toBe('2026-11-03');
    expect(v.occurredTime).toBe('09:05');
    expect(v.institutionCode).toBe('280123');
  });

  it('accepts today as the date, judged in Danish time', () => {
    // 23:30 UTC on 23 November is already 24 November in Copenhagen.
    expect(valueOf(rawReport({ occurredDate: '2026-11-24', occurredTime: '00:15' }), new Date('2026-11-23T23:30:00Z')).occurredDate).toBe('2026-11-24');
  });

  it.each([
    ['31-12-2025', '2025-12-31'],
    ['31.12.2025', '2025-12-31'],
    ['23/11/26', '2026-11-23'],
    ['23/11', '2026-11-23'],
    ['i dag', '2026-11-24'],
    ['I går', '2026-11-23'],
    ['igår', '2026-11-23'],
    ['i forgårs', '2026-11-22'],
  ])('accepts the Danish date %j (issue 13.2)', (date, iso) => {
    expect(valueOf(rawReport({ occurredDate: date, occurredTime: '08:00' }), new Date('2026-11-24T12:00:00Z')).occurredDate).toBe(iso);
  });

  it.each([
    ['kl. 9', '09:00'],
    ['9.30', '09:30'],
    ['kl 14', '14:00'],
    ['ca. kl. 8.05', '08:05'],
    ['14:30', '14:30'],
  ])('accepts the Danish time %j (issue 13.2)', (time, hhmm) => {
    expect(valueOf(rawReport({ occurredTime: time })).occurredTime).toBe(hhmm);
  });

  it('refuses a time later today, judged in Danish time (issue 13.2)', () => {
    // 12:00 UTC is 13:00 in Copenhagen in November.
    const now = new Date('2026-11-24T12:00:00Z');
    expect(errorsOf(rawReport({ occurredDate: 'i dag', occurredTime: '14:30' }), now).occurredTime).toBe('Klokken 14:30 i dag er ikke kommet endnu. Skriv det klokkeslæt, hvor fejlen skete.');
    expect(valueOf(rawReport({ occurredDate: 'i dag', occurredTime: '12:55' }), now).occurredTime).toBe('12:55');
    expect(valueOf(rawReport({ occurredDate: 'i går', occurredTime: '14:30' }), now).occurredTime).toBe('14:30');
  });

  it('accepts "ved ikke" as the institution code and stores it in Danish (issue 13.2)', () => {
    expect(valueOf(rawReport({ institutionCode: 'Ved ikke' })).institutionCode).toBe('Ved ikke');
    expect(valueOf(rawReport({ institutionCode: 'ved ikke.' })).institutionCode).toBe('Ved ikke');
  });

  it('counts length before CPR masking: what the user typed, not the longer mask (issue 13.2)', () => {
    const typed = '0102031234 '.repeat(300).trim(); // 3,299 characters typed; masked it would be 5,999
    const masked = typed.replace(/0102031234/g, '[CPR-nummer skjult]');
    expect(masked.length).toBeGreaterThan(4000);
    expect(valueOf(rawReport({ whatHappened: masked })).whatHappened).toBe(masked);
  });

  it('never stores a lone "=" or "-" as a value (issue 13.1)', () => {
    const r = parseReportInput(rawReport({ errorText: '=', otherUsers: '-', title: '=' }), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.draft.errorText).toBeUndefined();
    expect(r.draft.otherUsers).toBeUndefined();
    expect(r.draft.title).toBeUndefined();
    expect(r.errors.title).toBeDefined();
  });

  it('counts characters, not UTF-16 units, so 120 emoji fit in the title', () => {
    expect(valueOf(rawReport({ title: '😀'.repeat(120) })).title).toHaveLength(240);
  });
});

describe('parseReportInput: field errors in Danish', () => {
  it('says how long the title is', () => {
    expect(errorsOf(rawReport({ title: 'x'.repeat(143) })).title).toBe('Titlen må højst være 120 tegn (du har skrevet 143).');
  });

  it('limits free text and says so with Danish thousands separators', () => {
    expect(errorsOf(rawReport({ whatHappened: 'a'.repeat(4001) })).whatHappened).toBe(
      'Beskrivelsen af hvad der skete må højst være 4.000 tegn (du har skrevet 4.001).',
    );
  });

  it('lists the choices for a missing or unknown choice and quotes what was typed', () => {
    expect(errorsOf(rawReport({ severity: '' })).severity).toBe(SEVERITY_CHOICES);
    const e = errorsOf(rawReport({ severity: 'meget slem' })).severity;
    expect(e).toContain('«meget slem»');
    expect(e).toContain(SEVERITY_CHOICES);
    expect(errorsOf(rawReport({ area: 42 })).area).toMatch(/^«42» er ikke et af valgene\. Vælg et af: Login, Beskeder, /);
    expect(errorsOf(rawReport({ area: { key: 'login' } })).area).toMatch(/^Vælg et af: Login, Beskeder, .*, Andet\.$/);
  });

  it.each([
    ['i overmorgen', DATE_FORMAT],
    ['23/11/2026 kl 9', DATE_FORMAT],
    ['2026-02-30', 'Datoen 30-02-2026 findes ikke i kalenderen. ' + DATE_FORMAT],
    ['2026-11-25', 'Datoen 25-11-2026 ligger i fremtiden. Skriv den dato, hvor fejlen skete.'],
    ['2016-11-25', 'Datoen 25-11-2016 ligger før Aula blev taget i brug. Tjek årstallet.'],
  ])('rejects the date %j', (date, message) => {
    expect(errorsOf(rawReport({ occurredDate: date })).occurredDate).toBe(message);
  });

  it.each(['25:00', '14:60', '1430', '2 om eftermiddagen'])('rejects the time %j', (time) => {
    expect(errorsOf(rawReport({ occurredTime: time })).occurredTime).toBe('Skriv klokkeslættet som fx 14:30, 9.30 eller kl. 9 (24-timers ur).');
  });

  it.each(['ab', 'AB 123', 'ABCDEFGHIJK', 'skole-1'])('rejects the institution code %j', (code) => {
    expect(errorsOf(rawReport({ institutionCode: code })).institutionCode).toMatch(/^Institutionskoden skal være 3–10 bogstaver/);
  });

  it('asks for full names instead of UNI-login ids', () => {
    expect(errorsOf(rawReport({ affectedNames: 'anna1234, bo5678' })).affectedNames).toContain('fulde navne');
  });

  it('checks attachment links and their number', () => {
    expect(errorsOf(rawReport({ attachments: 'ftp://a.dk/x.png' })).attachments).toBe(
      'Link 1 («ftp://a.dk/x.png») er ikke et gyldigt link. Skriv hele adressen, der starter med https://.',
    );
    expect(errorsOf(rawReport({ attachments: ['https://a.dk', 'javascript:alert(1)'] })).attachments).toMatch(/^Link 2 /);
    const six = Array.from({ length: 6 }, (_, i) => `https://a.dk/${i}.png`);
    expect(errorsOf(rawReport({ attachments: six })).attachments).toBe('Du kan højst vedhæfte 5 links (du har 6). Fjern 1.');
  });

  it('requires every mandatory field with a message that says what to write', () => {
    const e = errorsOf({});
    expect(Object.keys(e).sort()).toEqual(
      ['title', 'area', 'whatHappened', 'expected', 'steps', 'occurredDate', 'occurredTime', 'workedBefore', 'platform', 'os', 'clientVersion',
        'affectedNames', 'profileType', 'institutionName', 'institutionCode', 'affectedScope', 'severity'].sort(),
    );
    expect(e.title).toBe('Skriv en kort titel, der beskriver fejlen.');
    expect(e.occurredDate).toBe(`Skriv datoen, hvor fejlen skete. ${DATE_FORMAT}`);
    for (const message of Object.values(e)) expect(message).not.toMatch(/Required|Expected|Invalid|received/);
  });

  it('rejects text fields given as objects without English zod messages', () => {
    expect(errorsOf(rawReport({ title: { a: 1 }, steps: ['x'] }))).toEqual({ title: 'Skriv almindelig tekst her.', steps: 'Skriv almindelig tekst her.' });
  });
});

describe('parseReportInput: rules across fields', () => {
  it('requires the group name for faults in Grupper', () => {
    expect(errorsOf(rawReport({ area: 'Grupper' }))).toEqual({ groupName: 'Skriv gruppens navn: det er påkrævet ved fejl i Grupper.' });
    expect(valueOf(rawReport({ area: 'grupper', groupName: '5.A forældre' })).groupName).toBe('5.A forældre');
  });

  it.each(['en', 'flere', 'Én bruger', 'flere brugere'])('requires the set-up check when the scope is %j', (scope) => {
    expect(errorsOf(rawReport({ affectedScope: scope })).setupChecked).toMatch(/^Tjek først brugerens opsætning i kommunens administrative systemer/);
    expect(errorsOf(rawReport({ affectedScope: scope, setupChecked: 'nej' })).setupChecked).toMatch(/^Tjek først/);
  });

  it.each([true, 'true', 'ja', 'JA', 'on', '1'])('accepts setupChecked given as %j', (checked) => {
    expect(valueOf(rawReport({ affectedScope: 'en', setupChecked: checked })).setupChecked).toBe(true);
  });

  it('does not require the set-up check for a whole institution, and rejects nonsense answers', () => {
    expect(valueOf(rawReport({ affectedScope: 'institution', setupChecked: 'false' })).setupChecked).toBe(false);
    expect(errorsOf(rawReport({ setupChecked: 'måske' })).setupChecked).toBe('Svar ja eller nej.');
  });
});

describe('parseReportInput: the draft keeps what was typed', () => {
  it('keeps valid values, invalid free text as typed, and drops invalid choices', () => {
    const r = parseReportInput(rawReport({ title: 'x'.repeat(143), occurredDate: '30-02-2026', severity: 'meget slem', institutionCode: 'AB 1' }), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.draft.title).toBe('x'.repeat(143));
    expect(r.draft.occurredDate).toBe('30-02-2026');
    expect(r.draft.institutionCode).toBe('AB 1');
    expect(r.draft).not.toHaveProperty('severity');
    expect(r.errors.severity).toContain('«meget slem»');
    expect(r.draft.whatHappened).toBe(VALID_FIELDS.whatHappened);
    expect(r.draft.attachments).toEqual(VALID_FIELDS.attachments);
    expect(r.draft.area).toBe('beskeder');
  });

  it('keeps invalid attachment links so they can be corrected', () => {
    const r = parseReportInput(rawReport({ attachments: 'https://a.dk/1.png www.b.dk/2.png' }), NOW);
    expect(!r.ok && r.draft.attachments).toEqual(['https://a.dk/1.png', 'www.b.dk/2.png']);
  });

  it('does not store huge pasted text in the draft', () => {
    const r = parseReportInput(rawReport({ steps: 'x'.repeat(1_000_000) }), NOW);
    expect(!r.ok && r.errors.steps).toBe('Trinene må højst være 4.000 tegn (du har skrevet 1.000.000).');
    expect(!r.ok && r.draft).not.toHaveProperty('steps');
  });
});

describe('parseReportInput never throws', () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = Object.defineProperty({}, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
  const huge = 'å'.repeat(1024 * 1024);
  const emoji = '🙈🚀👩‍👩‍👧‍👦'.repeat(10);

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'titel'],
    ['an array', [rawReport()]],
    ['a revoked proxy', revoked.proxy],
    ['a throwing getter', throwing],
    ['1 MB in every field', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, huge]))],
    ['emoji in every field', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, emoji]))],
    ['nulls in every field', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, null]))],
    ['arrays in every field', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, [1, {}, null]]))],
    ['objects in every field', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, { toString: () => { throw new Error('x'); } }]))],
    ['odd numbers', Object.fromEntries(REPORT_FIELD_ORDER.map((k) => [k, Number.NaN]))],
  ])('returns Danish field errors for %s', (_name, input) => {
    const r = parseReportInput(input, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).length).toBeGreaterThan(0);
    for (const message of Object.values(r.errors)) {
      expect(message.length).toBeGreaterThan(5);
      expect(message.length).toBeLessThan(400);
    }
    expect(JSON.stringify(r.draft).length).toBeLessThan(300_000);
    expect(() => parseDraft(input)).not.toThrow();
  });

  it('keeps emoji text in free-text fields', () => {
    const r = parseReportInput(rawReport({ whatHappened: `Appen lukker ${emoji}` }), NOW);
    expect(r.ok && r.value.whatHappened).toBe(`Appen lukker ${emoji}`);
  });

  it('survives an invalid "now" by using the real clock', () => {
    expect(valueOf(rawReport(), new Date('nonsense')).occurredDate).toBe('2026-11-23');
  });
});

describe('parseDraft', () => {
  it('keeps what is usable from a half-filled report', () => {
    expect(parseDraft({ title: ' Login virker ikke ', area: 'Login', severity: 'slem', occurredTime: '25:99', setupChecked: 'ja', ukendt: 'x' })).toEqual({
      title: 'Login virker ikke',
      area: 'login',
      occurredTime: '25:99',
      setupChecked: true,
    });
  });

  it('returns an empty draft for unusable input', () => {
    expect(parseDraft(null)).toEqual({});
    expect(parseDraft('tekst')).toEqual({});
  });
});
