import type { Core } from '../../src/core.js';
import { LoggedFaq } from '../../src/faq/faq.service.js';
import { groupUnanswered } from '../../src/faq/unanswered.groups.js';
import { SqliteQuestionLog } from '../../src/store/sqlite/question-log.sqlite-repository.js';
import { loadKnowledge } from '../../src/knowledge/knowledge.loader.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { plain } from '../console/console.render.js';
import { CliError, type CliIo } from './cli.output.js';

export function askCommand(core: Core, question: string, json: boolean, io: CliIo): number {
  if (!question.trim()) throw new CliError('Skriv et spørgsmål, fx: aula-support ask "Hvem må kontakte Netcompany?"', 2);
  const r = new LoggedFaq(core.faq, new SqliteQuestionLog(core.db)).ask(question, null, 'cli');
  if (json) {
    io.out(JSON.stringify({
      answered: r.outcome === 'answered',
      answer: r.answer ? { id: r.answer.id, title: r.answer.title, text: r.answer.text } : null,
      suggestions: r.suggestions,
      score: r.score,
    }));
    return 0;
  }
  if (r.answer) {
    io.out(`${r.answer.title}\n\n${plain(r.answer.text)}\n\nKilde: ${r.answer.sources.join('; ')}${r.answer.asOf ? ` (gælder pr. ${r.answer.asOf})` : ''}`);
  } else if (r.clarify === 'role') {
    io.out('Svaret afhænger af, om du bruger Aula som medarbejder eller som forælder. Skriv det gerne i spørgsmålet, fx "… som forælder".');
  } else if (r.suggestions.length) {
    io.out(`Jeg er ikke sikker. Mente du:\n${r.suggestions.map((s) => `- ${s.title}`).join('\n')}`);
  } else {
    io.out(core.config.FALLBACK_SUPPORT_TEXT);
  }
  return 0;
}

export function knowledgeCheckCommand(dir: string, io: CliIo): number {
  const kb = loadKnowledge(dir);
  for (const p of kb.problems) io.err(formatProblem(p));
  if (kb.problems.length) {
    io.err(`${kb.problems.length} ${kb.problems.length === 1 ? 'problem' : 'problemer'} i vidensbasen.`);
    return 1;
  }
  const seats = kb.municipalities.reduce((s, m) => s + m.seats, 0);
  io.out(`OK: ${kb.entries.length} spørgsmål, ${kb.municipalities.length} kommuner (${seats} supportberettigede), ${kb.waves.length} udrulningsbølger.`);
  return 0;
}

export function municipalitiesCommand(core: Core, json: boolean, io: CliIo): number {
  const list = core.knowledge.current().kb.municipalities;
  if (json) {
    io.out(JSON.stringify(list.map((m) => ({ code: m.code, name: m.name, shortName: m.shortName, region: m.region, seats: m.seats }))));
    return 0;
  }
  for (const m of list) io.out(`${m.code}  ${m.name.padEnd(28)} ${m.region.padEnd(20)} ${String(m.seats).padStart(3)}`);
  io.out(`${list.length} kommuner, ${list.reduce((s, m) => s + m.seats, 0)} supportberettigede i alt.`);
  return 0;
}

export function unansweredCommand(core: Core, limit: number, json: boolean, io: CliIo): number {
  // Similar questions are grouped with a count, so the most asked gaps come first.
  const groups = groupUnanswered(new SqliteQuestionLog(core.db).unanswered(Math.min(limit * 20, 10_000)), limit);
  if (json) io.out(JSON.stringify(groups));
  else if (!groups.length) io.out('Ingen ubesvarede spørgsmål.');
  else for (const g of groups) io.out(`${String(g.count).padStart(4)} ×  ${g.lastAskedAt}  ${g.question}`);
  return 0;
}

/** Answers users marked "Hjalp ikke", most first, with counts and the latest questions that got them. */
export function feedbackCommand(core: Core, json: boolean, io: CliIo): number {
  const rows = new SqliteQuestionLog(core.db).notHelpfulByEntry().map((r) => ({ ...r, title: core.faq.byId(r.entryId)?.title ?? null }));
  if (json) {
    io.out(JSON.stringify(rows));
    return 0;
  }
  if (!rows.length) {
    io.out('Ingen svar er markeret "Hjalp ikke".');
    return 0;
  }
  for (const r of rows) {
    io.out(`${r.title ?? r.entryId} (${r.entryId}): ${r.notHelpful} × hjalp ikke, ${r.helpful} × hjalp`);
    for (const q of r.questions) io.out(`  - ${q}`);
  }
  return 0;
}
