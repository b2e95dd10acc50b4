/** Who is acting. `identity` is opaque and prefixed: `slack:T:U`, `teams:tenant:aad`, `local:email`. */
export interface Actor {
  identity: string;
  displayName?: string;
  email?: string;
}

/** Where a reply goes; adapters fill in what they need to answer there later. */
export interface ConversationRef {
  /** Adapter name: 'slack', 'teams', 'console', 'cli'. */
  channel: string;
  /** Adapter-specific conversation id. */
  id: string;
}

/** Neutral inbound events: every adapter translates its payloads into these. */
export type InboundEvent =
  | { type: 'message'; actor: Actor; conversation: ConversationRef; text: string }
  | { type: 'command'; actor: Actor; conversation: ConversationRef; command: string; args: string }
  | { type: 'action'; actor: Actor; conversation: ConversationRef; actionId: string; value: string; text?: string };

export interface Button {
  /** Stable id the adapters send back, e.g. `faq.suggestion`, `report.approve`. */
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
  /** The click needs a short text (a reason or a question); adapters ask for it and send it as `text`. */
  input?: { label: string; placeholder?: string };
}

/** Neutral reply building blocks; each adapter renders them (Block Kit, Adaptive Card, text). */
export type ReplyElement =
  | { kind: 'text'; markdown: string }
  | { kind: 'context'; markdown: string }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'buttons'; buttons: Button[] };

export interface Reply {
  elements: ReplyElement[];
  /** Only the actor should see it (Slack ephemeral); adapters without the notion ignore it. */
  ephemeral?: boolean;
  /**
   * Takes the place of the message whose button was clicked (Slack: replace_original; Teams:
   * the card returned from Action.Execute), instead of arriving as a new message below it.
   */
  replaces?: boolean;
}

export const text = (markdown: string): ReplyElement => ({ kind: 'text', markdown });
export const context = (markdown: string): ReplyElement => ({ kind: 'context', markdown });
export const buttons = (list: Button[]): ReplyElement => ({ kind: 'buttons', buttons: list });
export const facts = (items: { label: string; value: string }[]): ReplyElement => ({ kind: 'facts', items });
export const reply = (...elements: ReplyElement[]): Reply => ({ elements });
