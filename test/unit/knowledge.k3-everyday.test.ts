import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/faq.service.js';
import { realKnowledge } from '../harness/bot.harness.js';

const store = realKnowledge();
const faq = new FaqService(() => store.current());

// Issue 12, item 1, part K3 (komme/gå, absence, consent, groups and administration): paraphrases
// that are not the entries' own phrasings must reach the entry written for them.
describe('K3 everyday questions are answered by the entry written for them', () => {
  it.each([
    ['hvordan tjekker jeg et barn ud som pædagog', 'komme-gaa-personale-tjek-ind-ud'],
    ['en forælder har glemt at tjekke sit barn ud', 'komme-gaa-personale-foraelder-glemt-tjek-ud'],
    ['jeg har glemt at tjekke mit barn ud', 'komme-gaa-foraelder-glemt-tjek-ud'],
    ['hvordan sender jeg en ferieanmodning til forældrene', 'komme-gaa-send-ferieanmodning'],
    ['min søn må gå selv hjem fra sfo hvordan skriver jeg det', 'komme-gaa-sfo-gaa-hjem-alene'],
    ['komme/gå virker ikke', 'komme-gaa-virker-ikke'],
    ['hvor skal jeg registrere fravær som vikar', 'fravaer-laerer-registrerer-elevfravaer'],
    ['kan jeg se min datters fravær i aula', 'fravaer-foraelder-se-fravaer'],
    ['jeg glemte at melde min søn syg i skolen', 'fravaer-glemt-sygemelding'],
    ['skal jeg forny mine samtykker', 'samtykker-forny'],
    ['hvem er superbruger på min skole', 'roller-hvem-er-superbruger'],
    ['hvordan tilføjer jeg en ny medarbejder til en gruppe', 'grupper-ny-medarbejder-i-gruppe'],
    ['hvordan opretter vi en fællespostkasse', 'beskeder-opret-faellespostkasse'],
    ['hvor finder jeg fællespostkassen', 'beskeder-find-faellespostkasse'],
    ['forældrene kan ikke se opslagene i gruppen', 'grupper-foraeldre-kan-ikke-se-opslag'],
    ['hvordan udskifter vi en supportberettiget', 'supportmodel-indmeldelse-af-supportberettigede'],
  ])('%s → %s', (q, id) => {
    const r = faq.ask(q);
    expect(r.outcome).toBe('answered');
    expect(r.answer?.id).toBe(id);
  });

  it('a forgotten check-out gets the staff answer for staff and the parent answer for parents', () => {
    expect(faq.ask('glemt at tjekke ud', { role: 'staff' }).answer?.id).toBe('komme-gaa-personale-foraelder-glemt-tjek-ud');
    expect(faq.ask('glemt at tjekke ud', { role: 'parent' }).answer?.id).toBe('komme-gaa-foraelder-glemt-tjek-ud');
  });

  it('a parent asking whether to answer a ferieanmodning is not sent the staff entry on sending one', () => {
    expect(faq.ask('skal jeg svare på ferieanmodning').answer?.id).toBe('komme-gaa-ferieanmodning');
  });
});
