import { describe, expect, it } from 'vitest';
import { CPR_MASK, maskCpr } from '../../src/privacy/cpr.js';

describe('CPR masking', () => {
  it.each(['010203-1234', '0102031234', '010203 1234', '311299-0001'])('masks %s', (cpr) => {
    const r = maskCpr(`Barnet har cpr ${cpr}, se vedhæftet`);
    expect(r.masked).toBe(1);
    expect(r.text).toBe(`Barnet har cpr ${CPR_MASK}, se vedhæftet`);
  });

  it('masks numbers that fail the modulus-11 check (issued since 2007)', () => {
    // 010101-1000: weights 4,3,2,7,6,5,4,3,2,1 give a sum not divisible by 11.
    expect(maskCpr('010101-1000').masked).toBe(1);
  });

  it('leaves numbers that cannot be a date alone', () => {
    expect(maskCpr('ordre 9913991234 og 3213001234').masked).toBe(0);
    expect(maskCpr('institutionskode 280123').masked).toBe(0);
    expect(maskCpr('telefon 12345678').masked).toBe(0);
  });

  it('masks several numbers in one text', () => {
    expect(maskCpr('0101011234 og 020202-2345').masked).toBe(2);
  });
});
