import { describe, expect, it } from 'vitest';
import { fileReport, person, testCore } from '../harness/core.harness.js';

describe('platform state for chat adapters', () => {
  it('stores an approval channel per municipality and platform', async () => {
    const core = testCore();
    core.platform.setApprovalChannel('492', 'slack', 'C123');
    core.platform.setApprovalChannel('492', 'slack', 'C456');
    expect(core.platform.approvalChannel('492', 'slack')).toBe('C456');
    expect(core.platform.approvalChannel('492', 'teams')).toBeUndefined();
    await core.close();
  });

  it('stores a conversation reference and says whether it changed; an unchanged one is not written again', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const core = testCore({}, { now: () => now });
    const updatedAt = () => (core.db.prepare('SELECT updated_at AS u FROM conversation_refs WHERE identity = ?').get('teams:t:u1') as { u: string }).u;
    expect(core.platform.saveConversation('teams:t:u1', 'teams', { serviceUrl: 'https://a/' })).toBe(true);
    now = new Date('2026-11-23T10:01:00Z');
    expect(core.platform.saveConversation('teams:t:u1', 'teams', { serviceUrl: 'https://a/' })).toBe(false);
    expect(updatedAt()).toBe('2026-11-23T10:00:00.000Z');
    expect(core.platform.saveConversation('teams:t:u1', 'teams', { serviceUrl: 'https://b/' })).toBe(true);
    expect(core.platform.conversation('teams:t:u1')).toEqual({ serviceUrl: 'https://b/' });
    now = new Date('2026-11-23T10:30:00Z'); // refreshed now and then, still unchanged
    expect(core.platform.saveConversation('teams:t:u1', 'teams', { serviceUrl: 'https://b/' })).toBe(false);
    expect(updatedAt()).toBe('2026-11-23T10:30:00.000Z');
    await core.close();
  });

  it('finds posted approval messages that show an outdated version after a decision', async () => {
    const core = testCore();
    const reporter = person(core, 'sara@aeroe.dk', 'Sara', 'Ærø', 'superuser');
    const holder = person(core, 'hans@aeroe.dk', 'Hans', 'Ærø', 'staff', true);
    const number = fileReport(core, reporter);
    const r = core.workflow.get(number)!;
    core.platform.recordPost(r.id, 'slack', 'D1', '1700000000.1', r.version);
    core.platform.recordPost(r.id, 'slack', 'C9', '1700000000.2', r.version);
    expect(core.platform.stalePosts('slack')).toEqual([]);
    core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
    const stale = core.platform.stalePosts('slack');
    expect(stale.map((p) => p.channel).sort()).toEqual(['C9', 'D1']);
    for (const p of stale) core.platform.markShown(p.id, p.version);
    expect(core.platform.stalePosts('slack')).toEqual([]);
    await core.close();
  });

  it('recognises a repeated event id (a platform retry) exactly once', async () => {
    const core = testCore();
    expect(core.platform.firstTime('slack:Ev1')).toBe(true);
    expect(core.platform.firstTime('slack:Ev1')).toBe(false);
    expect(core.platform.firstTime('slack:Ev2')).toBe(true);
    await core.close();
  });
});
