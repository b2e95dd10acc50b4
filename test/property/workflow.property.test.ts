import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/workflow/report.decisions.js';
import { fileReport, OPERATOR, person, testCore } from '../harness/core.harness.js';

type Step = { who: number; act: Decision | 'withdraw' | 'resubmit' | 'revoke' | 'assign' };

describe('workflow property (deterministic seed)', () => {
  it('no sequence of actions forwards a report twice or lets a non-holder forward', async () => {
    const step = fc.record({ who: fc.integer({ min: 0, max: 3 }), act: fc.constantFrom<Step['act']>('approve', 'reject', 'request_info', 'withdraw', 'resubmit', 'revoke', 'assign') });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const core = testCore();
        const reporter = person(core, 'r@aeroe.dk', 'Reporter', 'Ærø', 'superuser');
        const people = [
          person(core, 'h1@aeroe.dk', 'Holder A', 'Ærø', 'staff', true),
          person(core, 'h2@aeroe.dk', 'Holder B', 'Ærø', 'staff', true),
          person(core, 'staff@aeroe.dk', 'Staff', 'Ærø', 'staff'),
          person(core, 'o@odense.dk', 'Other municipality', 'Odense', 'staff', true),
        ];
        const number = fileReport(core, reporter);
        for (const s of steps) {
          const p = people[s.who]!;
          if (s.act === 'withdraw') core.workflow.withdraw(reporter, number);
          else if (s.act === 'resubmit') core.workflow.submit(reporter, core.workflow.get(number)!.id, undefined, true);
          else if (s.act === 'revoke') core.directory.revokeSeat(OPERATOR, p.municipalityCode, p.email);
          else if (s.act === 'assign') core.directory.assignSeat(OPERATOR, p.municipalityCode, p.email);
          else {
            const holderBefore = core.directory.isSeatHolder(p.id, '492');
            const r = core.workflow.decide({ kind: 'person', person: p, identity: 'x' }, number, s.act, 'tekst');
            if (r.ok) expect(holderBefore).toBe(true);
          }
        }
        expect(core.outbox.list().length).toBeLessThanOrEqual(1);
        const approvals = core.audit.list().filter((e) => e.action === 'report.approve' && e.outcome === 'ok');
        expect(approvals.length).toBeLessThanOrEqual(1);
        await core.close();
      }),
      { seed: 20261123, numRuns: 40 },
    );
    // 40 whole cores with migrations: about 30 s on a busy 2-core machine, so more room than the default.
  }, 120_000);
});
