import { describe, expect, it } from 'vitest';
import { FaqSearch } from '../../src/search/faq.search.js';
import type { SearchDoc } from '../../src/search/search.types.js';

const docs: SearchDoc[] = [
  { id: 'login-glemt-kode', title: 'Hvad gør jeg, hvis jeg har glemt min adgangskode?', alternatives: ['nulstil adgangskode'], tags: ['login'], body: 'Du kan nulstille adgangskoden via UNI-Login.' },
  { id: 'beskeder-foelsom', title: 'Hvordan sender jeg en følsom besked?', alternatives: [], tags: ['beskeder'], body: 'Markér beskeden som følsom, før du sender den.' },
  { id: 'kommune-aeroe', title: 'Hvem er supportberettiget på Ærø?', alternatives: [], tags: [], body: 'Ærø har tre supportberettigede brugere.' },
  { id: 'kalender-begivenhed', title: 'Hvordan opretter jeg en begivenhed i kalenderen?', alternatives: [], tags: ['kalender'], body: 'Vælg Kalender og Opret begivenhed.' },
];
const search = new FaqSearch(docs);
const top = (q: string) => search.search(q, 3)[0]?.id;

describe('FAQ search', () => {
  it('finds an entry through a synonym', () => {
    expect(top('glemt kodeord')).toBe('login-glemt-kode');
    expect(top('nyt password')).toBe('login-glemt-kode');
  });

  it('tolerates typos', () => {
    expect(top('adgangskde glemt')).toBe('login-glemt-kode');
    expect(top('kalendren begivnhed')).toBe('kalender-begivenhed');
  });

  it('treats æ/ø/å and their ASCII spellings alike, in any case', () => {
    expect(top('FØLSOM BESKED')).toBe('beskeder-foelsom');
    expect(top('foelsom besked')).toBe('beskeder-foelsom');
    expect(top('supportberettiget aeroe')).toBe('kommune-aeroe');
  });

  it('matches inflected forms through the stemmer', () => {
    expect(top('følsomme beskeder')).toBe('beskeder-foelsom');
    expect(top('begivenheder i kalenderne')).toBe('kalender-begivenhed');
  });

  it('matches a definite noun the stemmer keeps whole ("videoen") to the bare noun', () => {
    const own = new FaqSearch([
      { id: 'video', title: 'Hvorfor kan jeg ikke uploade en video?', alternatives: [], tags: [], body: 'Filen er for stor.' },
      { id: 'billede', title: 'Hvordan uploader jeg et billede?', alternatives: [], tags: [], body: 'Vælg Galleri.' },
    ]);
    const hit = own.search('videoen kan ikke uploades', 2).find((h) => h.id === 'video')!;
    expect(hit.content).toBeGreaterThan(0.9);
    expect(own.search('videoen kan ikke uploades', 1)[0]?.id).toBe('video');
  });

  it('gives confidence in [0, 1] and is more confident for a close match than a loose one', () => {
    const exact = search.search('Hvordan sender jeg en følsom besked?', 1)[0]!;
    const loose = search.search('besked om noget helt andet i weekenden', 1)[0]!;
    expect(exact.score).toBeGreaterThan(loose.score);
    for (const h of [exact, loose]) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns nothing for stop words only or empty input', () => {
    expect(search.search('hvad er det', 3)).toEqual([]);
    expect(search.search('', 3)).toEqual([]);
  });

  it.each(['😀🎉', '\u0000\u0007\u001b[31m', 'مرحبا كيف حالك', 'ā̶̧͝b̷̨', 'x'.repeat(1_000_000), '%s %d {{}} $(rm -rf)', '\uD800'])('never throws on odd input (%#)', (q) => {
    expect(() => search.search(q, 3)).not.toThrow();
  });

  it('can use fuse.js as the re-ranker with the same candidates', () => {
    const withFuse = new FaqSearch(docs, { phrase: 'fuse' });
    expect(withFuse.search('glemt adgangskode', 1)[0]?.id).toBe('login-glemt-kode');
  });
});
