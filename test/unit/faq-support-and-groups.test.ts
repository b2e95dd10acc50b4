import { describe, expect, it } from 'vitest';
import { groupUnanswered } from '../../src/faq/unanswered.groups.js';
import { noAnswerText } from '../../src/faq/support-text.js';
import { escapeMarkdown } from '../../src/text/markup.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { SqliteAskerRoles, SqliteSupportContacts } from '../../src/store/sqlite/asker.sqlite-repository.js';

const row = (id: number, question: string, askedAt = `2026-11-30T10:00:0${id}Z`) => ({ id, question, askedAt, score: 0.1, channel: 'cli' });

describe('unanswered questions grouped', () => {
  it('groups questions that read the same after stemming and folding, most asked first, newest wording shown', () => {
    const groups = groupUnanswered(
      [row(5, 'Hvordan laver man pivottabeller?'), row(4, 'hvordan laver jeg en pivottabel'), row(3, 'Hvordan printer jeg?'), row(2, 'hvordan laver jeg en pivottabel?')],
      10,
    );
    expect(groups.map((g) => [g.count, g.question])).toEqual([
      [3, 'Hvordan laver man pivottabeller?'],
      [1, 'Hvordan printer jeg?'],
    ]);
    expect(groups[0]!.ids).toEqual([5, 4, 2]);
  });
});

describe('support text', () => {
  it('escapes the administrator\'s text so it cannot add Markdown', () => {
    expect(escapeMarkdown('*fed* [link](x) <@U1>')).toBe('\\*fed\\* \\[link\\]\\(x\\) \\<\\@U1\\>');
    expect(noAnswerText(undefined, 'FALLBACK')).toBe('FALLBACK');
    expect(noAnswerText({ municipality: 'Ærø Kommune', contact: 'ring 1234' }, 'FALLBACK')).toMatch(/^Det kan jeg desværre ikke svare på\. Kontakt Ærø Kommunes Aula-support.*ring 1234$/);
  });
});

describe('SQLite: asker roles and support contacts', () => {
  it('remembers the latest role per identity', () => {
    const roles = new SqliteAskerRoles(openDatabase(':memory:'));
    expect(roles.get('local:a@b.dk')).toBeUndefined();
    roles.set('local:a@b.dk', 'parent');
    roles.set('local:a@b.dk', 'staff');
    expect(roles.get('local:a@b.dk')).toBe('staff');
  });

  it('sets, replaces and removes a municipality\'s contact', () => {
    const contacts = new SqliteSupportContacts(openDatabase(':memory:'));
    contacts.set('492', 'ring 1', 'person:1');
    contacts.set('492', 'ring 2', 'person:1');
    expect(contacts.get('492')).toBe('ring 2');
    expect(contacts.get('461')).toBeUndefined();
    contacts.set('492', null, 'person:1');
    expect(contacts.get('492')).toBeUndefined();
  });
});
