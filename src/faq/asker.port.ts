/** Whether someone asks as staff or as a parent; the answer to some questions depends on it. */
export type AskerRole = 'staff' | 'parent';

/** What people answered to "Er du medarbejder eller forælder?", so they are asked only once. */
export interface AskerRoles {
  /** The role this identity chose earlier, if any. */
  get(identity: string): AskerRole | undefined;
  /** Remember the role this identity chose (replaces an earlier choice). */
  set(identity: string, role: AskerRole): void;
}

/** Each municipality's own Aula support, as its administrators describe it (`admin kontakt <tekst>`). */
export interface SupportContacts {
  /** The contact text for a municipality code, if its administrators have set one. */
  get(municipalityCode: string): string | undefined;
  /** Set (or, with null, remove) the contact text of a municipality. */
  set(municipalityCode: string, text: string | null, setBy: string): void;
}
