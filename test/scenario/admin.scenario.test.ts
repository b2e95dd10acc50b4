import { describe, expect, it } from 'vitest';
import { person, testCore, textOf } from '../harness/core.harness.js';

const say = (core: ReturnType<typeof testCore>, email: string, text: string) =>
  core.bot.handle({ type: 'message', actor: { identity: `local:${email}`, email }, conversation: { channel: 'console', id: 'c' }, text }).then(textOf);

describe('admin command in chat', () => {
  it('lets an admin see seats, assign and revoke them and add superusers; refuses others', async () => {
    const core = testCore();
    person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
    person(core, 'nina@aeroe.dk', 'Nina Ny', 'Ærø', 'staff');
    expect(await say(core, 'nina@aeroe.dk', 'admin pladser')).toMatch(/Kun kommunens Aula-administratorer/);
    expect(await say(core, 'anne@aeroe.dk', 'admin pladser')).toMatch(/Ærø Kommune: 0 af 3 pladser/);
    expect(await say(core, 'anne@aeroe.dk', 'admin tildel nina@aeroe.dk')).toMatch(/nina@aeroe\.dk er nu supportberettiget i Ærø Kommune/);
    expect(core.directory.isSeatHolder(core.directory.personByEmail('nina@aeroe.dk')!.id, '492')).toBe(true);
    expect(await say(core, 'anne@aeroe.dk', 'admin fjern nina@aeroe.dk')).toMatch(/ikke længere supportberettiget/);
    expect(await say(core, 'anne@aeroe.dk', 'admin superbruger ole@aeroe.dk Ole Olsen')).toMatch(/Ole Olsen er registreret som superbruger i Ærø Kommune/);
    expect(await say(core, 'anne@aeroe.dk', 'admin kanal')).toMatch(/vælges ved at skrive `admin kanal` i kanalen i Teams/);
    expect(await say(core, 'anne@aeroe.dk', 'admin')).toMatch(/Brug:/);
    await core.close();
  });
});
