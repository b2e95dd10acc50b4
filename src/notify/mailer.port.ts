/** A plain-text e-mail to one person. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; the core's only way to reach a person outside chat. */
export interface Mailer {
  /** Send `mail`; throws on failure (the error names codes only, never addresses). */
  send(mail: Mail): Promise<void>;
}
