import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../harness/run-cli.js';

const ROOT = resolve('.');
const tempDir = () => mkdtempSync(join(tmpdir(), 'aula-cwd-'));

describe('aula-support from another folder (issue 14.1)', () => {
  it('uses the installation\'s knowledge and data, not the current folder', async () => {
    const cwd = tempDir();
    const paths = await runCli(['paths'], { cwd, noDb: true });
    expect(paths.code).toBe(0);
    expect(paths.stdout).toContain(`Vidensbase: ${join(ROOT, 'knowledge')}`);
    expect(paths.stdout).toContain(`Database: ${join(ROOT, 'data', 'aula-support.db')}`);
    const ask = await runCli(['ask', '--json', 'Hvor mange supportberettigede har Odense?'], { cwd });
    expect(JSON.parse(ask.stdout)).toMatchObject({ answered: true });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses in Danish a configured path that does not exist, naming the variable', async () => {
    const cwd = tempDir();
    const k = await runCli(['ask', 'hej'], { cwd, env: { KNOWLEDGE_DIR: './knowledge' } });
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/KNOWLEDGE_DIR="\.\/knowledge": mappen findes ikke/);
    const d = await runCli(['reports', 'list'], { cwd, env: { DATABASE_PATH: join(cwd, 'nope', 'x.db') } });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/DATABASE_PATH=.*mappen .*nope findes ikke/);
    expect(existsSync(join(cwd, 'nope'))).toBe(false);
  });
});

describe('Danish, stack-free errors (issue 14.2)', () => {
  const cases: [string[], RegExp][] = [
    [['ask', '--foo', 'hej'], /^Ukendt valgmulighed --foo\. Brug: aula-support ask/],
    [['outbox', '--retry'], /^--retry mangler en værdi\. Brug: aula-support outbox/],
    [['outbox', '--retry', '--json'], /^--retry mangler en værdi\./],
    [['questions', 'unanswered', '--limit', '-1'], /^--limit skal være et positivt helt tal/],
    [['questions', 'unanswered', '--limit=abc'], /^--limit skal være et positivt helt tal/],
    [['reports', 'show'], /^Mangler rapportens nummer\. Brug: aula-support reports .*show <nummer>/],
    [['reports', 'show', 'x1'], /"x1" er ikke et rapportnummer/],
    [['reports', 'list', '--status', 'nope'], /Ukendt status "nope"\. Vælg en af: kladde, afventer/],
    [['people', 'frob'], /^Ukendt underkommando "frob"\. Brug: aula-support people add\|import\|list\|remove\|link/],
    [['outbox', '--retry', 'abc'], /^"abc" er ikke et rapportnummer\. Skriv rapportens nummer, fx 12/],
    [[], /^Brug: aula-support <kommando>/],
  ];
  for (const [args, message] of cases) {
    it(`aula-support ${args.join(' ')}`, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at |Error:|Unknown|Expected/);
    });
  }

  it('--version prints the version', async () => {
    const r = await runCli(['--version'], { noDb: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^aula-support \d+\.\d+\.\d+\n$/);
  });

  it('backup to a missing folder is a Danish refusal, not a stack', async () => {
    const r = await runCli(['backup', '/missing/dir/x.db']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Mappen /missing/dir findes ikke. Opret den først, eller vælg en anden fil.\n');
  });

  it('backup writes a copy', async () => {
    const db = tempDbPath();
    const r = await runCli(['backup', join(dirname(db), 'copy.db')], { env: { DATABASE_PATH: db } });
    expect(r.code).toBe(0);
    expect(existsSync(join(dirname(db), 'copy.db'))).toBe(true);
  });

  it('exits quietly when the reader of its output goes away (| head)', async () => {
    const r = await runCli(['municipalities'], { closeStdout: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

function csvFile(content: string | Buffer): string {
  const file = join(tempDir(), 'people.csv');
  writeFileSync(file, content);
  return file;
}

describe('people import on real Excel exports (issue 14.3)', () => {
  it('reads quoted cells, ";" separators, a BOM and skips blank rows', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const file = csvFile('\uFEFFemail;navn;kommunekode;rolle\r\nlone@odense.dk;"Larsen, Lone ""Lo""";461;superuser\r\n;;;\r\n\r\nbo@odense.dk;Bo Ørsted;Odense;medarbejder\r\n');
    const r = await runCli(['people', 'import', file], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2 personer importeret.\n');
    expect(r.code).toBe(0);
    const list = JSON.parse((await runCli(['people', 'list', '--json'], { env })).stdout) as { name: string; role: string }[];
    expect(list.map((p) => [p.name, p.role])).toEqual([['Bo Ørsted', 'staff'], ['Larsen, Lone "Lo"', 'superuser']]);
  }, 120_000);

  it('imports a Danish Excel file (Windows-1252, ";", CRLF) from another folder and says how it was read; "1 person importeret"', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const cwd = dirname(csvFile(Buffer.from('E-mail;Navn;Kommunekode;Rolle\r\nmaja@aeroe.dk;"Møller; Maja";492;Superbruger\r\n;;;\r\n', 'latin1')));
    const r = await runCli(['people', 'import', 'people.csv'], { env, cwd });
    expect(r.stdout).toBe('1 person importeret.\n');
    expect(r.stderr).toMatch(/^Bemærk: people\.csv er ikke UTF-8; den er læst som Windows-1252/);
    expect(r.code).toBe(0);
    const list = JSON.parse((await runCli(['people', 'list', '--json'], { env })).stdout) as { name: string; role: string }[];
    expect(list).toEqual([expect.objectContaining({ name: 'Møller; Maja', role: 'superuser' })]);
  });

  it('--dry-run checks every line and stores nothing', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const file = csvFile('email,navn,kommunekode,rolle\na@odense.dk,Anna,461,staff\nb@odense.dk,Bo,999,staff\n');
    const r = await runCli(['people', 'import', file, '--dry-run'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Prøvekørsel: 1 person ville blive importeret, 1 linje med fejl. Intet er gemt.\n');
    expect(r.stderr).toMatch(/linje 3: Kommunen "999" findes ikke/);
    expect((await runCli(['people', 'list'], { env })).stdout).toBe('Ingen personer er registreret endnu.\n');
  });
});

describe('lists an operator needs (issue 14.4)', () => {
  it('people list shows Danish roles and seats, filtered by municipality', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    await runCli(['people', 'add', '--email', 'hans@aeroe.dk', '--name', 'Hans Hansen', '--municipality', 'Ærø', '--role', 'staff'], { env });
    await runCli(['people', 'add', '--email', 'ole@odense.dk', '--name', 'Ole Olsen', '--municipality', 'Odense', '--role', 'admin'], { env });
    await runCli(['seats', 'assign', '--municipality', 'Ærø', '--email', 'hans@aeroe.dk'], { env });
    const r = await runCli(['people', 'list', '--municipality', 'Ærø'], { env });
    expect(r.stdout).toBe('Hans Hansen <hans@aeroe.dk>  Ærø Kommune  medarbejder, supportberettiget\n1 person.\n');
    const all = JSON.parse((await runCli(['people', 'list', '--json'], { env })).stdout) as { email: string; seats: string[] }[];
    expect(all.map((p) => [p.email, p.seats])).toEqual([['ole@odense.dk', []], ['hans@aeroe.dk', ['492']]]);
  }, 120_000);

  it('people remove revokes seats and identities, audited by name; the e-mail can be added again', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    await runCli(['people', 'add', '--email', 'hans@aeroe.dk', '--name', 'Hans Hansen', '--municipality', 'Ærø', '--role', 'staff'], { env });
    await runCli(['seats', 'assign', '--municipality', 'Ærø', '--email', 'hans@aeroe.dk'], { env });
    await runCli(['people', 'link', '--email', 'hans@aeroe.dk', '--identity', 'slack:T1:U1'], { env });
    const r = await runCli(['people', 'remove', 'hans@aeroe.dk'], { env });
    expect(r.stdout).toBe('Hans Hansen <hans@aeroe.dk> er fjernet; pladsen som supportberettiget i Ærø Kommune er taget tilbage.\n');
    expect((await runCli(['people', 'list'], { env })).stdout).toBe('Ingen personer er registreret endnu.\n');
    expect((await runCli(['seats', 'list', '--municipality', '492', '--json'], { env })).stdout).toContain('"holders":[]');
    const audit = (await runCli(['audit'], { env })).stdout;
    expect(audit).toMatch(/driften \(CLI\): person fjernet – Hans Hansen <hans@aeroe\.dk>/);
    expect(audit).toMatch(/driften \(CLI\): plads fjernet – pladser i Ærø Kommune/);
    expect(audit).not.toMatch(/person:\d/);
    const again = await runCli(['people', 'remove', 'hans@aeroe.dk'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Ingen person med e-mail hans@aeroe\.dk/);
    expect((await runCli(['people', 'add', '--email', 'hans@aeroe.dk', '--name', 'Hans H', '--municipality', '492', '--role', 'superuser'], { env })).stdout).toMatch(/registreret som superbruger i Ærø Kommune/);
  }, 120_000);

  it('questions feedback lists answers marked "Hjalp ikke" with counts', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const chat = await runCli(['chat', '--as', 'anna@kommune.dk'], { env, input: 'hvor mange supportberettigede har Ærø?\n2\nhvor mange supportberettigede har Ærø?\n2\nfarvel\n' });
    expect(chat.stdout).toMatch(/\[2\] Hjalp ikke/);
    const r = await runCli(['questions', 'feedback'], { env });
    expect(r.stdout).toMatch(/\(data-seats-492\): 2 × hjalp ikke, 0 × hjalp\n {2}- hvor mange supportberettigede har Ærø\?/);
    const json = JSON.parse((await runCli(['questions', 'feedback', '--json'], { env })).stdout) as { entryId: string; notHelpful: number }[];
    expect(json).toEqual([expect.objectContaining({ entryId: 'data-seats-492', notHelpful: 2, helpful: 0 })]);
  }, 120_000);

  it('accepts one form of a report number everywhere, Danish statuses, and refuses removing a reporter with open reports', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    await runCli(['people', 'add', '--email', 'sara@odense.dk', '--name', 'Sara Superbruger', '--municipality', 'Odense', '--role', 'superuser'], { env });
    await runCli(['people', 'add', '--email', 'hans@odense.dk', '--name', 'Hans Holder', '--municipality', 'Odense', '--role', 'staff'], { env });
    await runCli(['seats', 'assign', '--municipality', 'Odense', '--email', 'hans@odense.dk'], { env });
    const answers = ['fejl', 'Kalenderen viser ingen begivenheder', '3', 'Kalenderen er tom for alle på skolen', 'At se ugens begivenheder', 'Åbn Kalender', '2026-11-20', '09:00', '1', '1', 'Windows 11', 'Chrome 126', 'Hele skolen', '1', 'Munkebjerg Skole', '461001', '3', '2', '-', '-', '-', '1', 'farvel'];
    const filed = await runCli(['chat', '--as', 'sara@odense.dk'], { env, input: `${answers.join('\n')}\n` });
    const number = /AULA-(\d{4})-000001/.exec(filed.stdout)?.[0];
    expect(number, filed.stdout.slice(-1500)).toBeDefined();
    for (const form of ['1', '000001', number!, number!.toLowerCase()]) {
      const show = await runCli(['reports', 'show', form], { env });
      expect(show.stdout, form).toMatch(new RegExp(`^${number} – afventer godkendelse\\nIndberettet af: Sara Superbruger <sara@odense\\.dk>`));
    }
    const listed = await runCli(['reports', 'list', '--status', 'afventer godkendelse'], { env });
    expect(listed.stdout).toMatch(new RegExp(`^${number} +Odense Kommune +afventer godkendelse`));
    expect((await runCli(['reports', 'list', '--status', 'afvist'], { env })).stdout).toBe('Ingen rapporter.\n');
    const retry = await runCli(['outbox', '--retry', '1'], { env });
    expect(retry.stderr).toBe(`Rapport ${number} ligger ikke som død post i udbakken.\n`);
    const remove = await runCli(['people', 'remove', 'sara@odense.dk'], { env });
    expect(remove.code).toBe(1);
    expect(remove.stderr).toMatch(new RegExp(`Sara Superbruger har en åben rapport: ${number}\\. .*personen er ikke fjernet`));
    expect((await runCli(['audit'], { env })).stdout).toMatch(/Sara Superbruger <sara@odense\.dk>: rapport indsendt – rapport AULA-/);
  }, 120_000);
});
