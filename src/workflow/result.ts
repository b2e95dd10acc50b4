/** Expected outcomes are values: `ok` with a value, or a refusal with a Danish reason and a code. */
export type Result<T, C extends string = string> = { ok: true; value: T } | { ok: false; code: C; message: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refuse = <C extends string>(code: C, message: string): { ok: false; code: C; message: string } => ({ ok: false, code, message });
