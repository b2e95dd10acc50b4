import { createHash } from 'node:crypto';

/** A short, stable fingerprint of a rendered card (what a posted message shows). */
export function cardHash(card: unknown): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 32);
}
