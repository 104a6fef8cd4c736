// What the core says, independent of any platform. Adapters render it (Block Kit, Discord components,
// console text); a new kind here breaks every adapter's exhaustive switch at compile time.

/** An instant inside text. `zone` is how to show it where the platform cannot localise for each reader;
 *  `fixed` keeps it in that zone even where it could (e.g. the "UTC" line of an announcement). */
export type InstantSpan = { kind: "instant"; at: Date; zone: string; fixed?: boolean };
export type Inline = string | InstantSpan;

/** An instant shown in the reader's zone (`zone` is the fallback where the platform cannot localise). */
export const localInstant = (at: Date, zone: string): InstantSpan => ({ kind: "instant", at, zone });
/** An instant always shown in UTC, e.g. the second line of an announcement. */
export const utcInstant = (at: Date): InstantSpan => ({ kind: "instant", at, zone: "UTC", fixed: true });
/** Lines of inline content; each line is rendered then joined with newlines. */
export type RichText = Inline[][];

export type Button = { kind: "button"; actionId: string; label: string; value: string; style?: "primary" | "danger" };
export type Select = {
  kind: "select";
  actionId: string;
  placeholder: string;
  options: { label: string; value: string }[];
};
export type Component = Button | Select;

export type FormField =
  | { kind: "text"; id: string; label: string; multiline: boolean; required: boolean; initial?: string; maxLength: number }
  /** Pick from options: checkboxes when `multiple` (an approval ballot), one select when not (one rank of a
   *  ranked ballot). Submitted as the chosen values; the core validates them and answers `formErrors` if wrong. */
  | {
      kind: "choice";
      id: string;
      label: string;
      required: boolean;
      multiple: boolean;
      options: { label: string; value: string }[];
      initial?: string[];
    };
export type Form = { formId: string; title: string; submitLabel: string; fields: FormField[]; context: string };

/** A file that goes with a message (a `.blt` of ballots). Where the platform takes no files, the core pages
 *  `content` into the message text instead (see src/fitMessage.ts), so it still arrives whole. */
export type Attachment = { filename: string; mediaType: string; content: string };

/**
 * The key facts of an announcement or reminder (time left, notice given, a short-notice flag, a link), which Slack
 * shows as Block Kit fields and Discord as an embed, above the message's `text` (which need not repeat them).
 * Text-only platforms (console, simulator) print the card as lines after the text (whose first line stays the
 * headline), so nothing is lost there.
 */
export type Card = {
  title: Inline[];
  fields: { label: string; value: Inline[] }[];
  /** A warning shown prominently, e.g. short notice. */
  flag?: string;
  /** A link for the deadline's source, if one was given. */
  url?: string;
};

export type Message = { text: RichText; card?: Card; components?: Component[]; attachment?: Attachment };

/** A member the core resolved to an identity on one platform: where a DM goes, and how to show times to them. */
export type Recipient = {
  memberId: string;
  displayName: string;
  platform: string;
  workspaceId: string;
  userId: string;
  zone: string;
};

export type ChannelRef = { platform: string; workspaceId: string; channelId: string; name?: string };

/**
 * What the member's workspace announcement channel may show when a DM cannot reach them (their DMs are closed
 * to the bot). Decided where the DM is made, by what it says; a DM that does not say is treated as private.
 */
export type DmFallback =
  /** Nothing in it that others may not read (an announcement, a move, a nomination request): the message
   *  itself, addressed to the member. */
  | { kind: "copy" }
  /** Private (a receipt, a ballot confirmation, a link code): the channel hears only that a DM could not reach
   *  them, "…to receive `about`" ("your link code"), never what it says. */
  | { kind: "notice"; about: string }
  /** Not even that (a voting reminder: only those who have not voted get one): it stays failed, for organisers. */
  | { kind: "none" };

/** A DM whose words anyone may read: when it cannot be delivered, it is posted for the member instead. */
export const PUBLIC_DM: DmFallback = { kind: "copy" };
/** What a DM without a `fallback` may show in a channel: only that it could not be delivered. */
export const PRIVATE_DM: DmFallback = { kind: "notice", about: "a private message" };

/** Everything the core can ask an adapter to do. */
export type Send =
  /** An answer to the event being handled: private (ephemeral) to the member who acted, or public in its channel. */
  | { kind: "reply"; visibility: "private" | "public"; message: Message }
  /** A direct message to one member, on the platform where they are known; `fallback` says what a channel
   *  may show if it cannot reach them (absent: PRIVATE_DM). */
  | { kind: "dm"; to: Recipient; message: Message; fallback?: DmFallback }
  /** A post in a channel. */
  | { kind: "post"; channel: ChannelRef; message: Message }
  /** Open a form (Slack modal, Discord modal); only valid as an answer to a command or action. */
  | { kind: "form"; form: Form }
  /** The submitted form is refused, per field (field id → what is wrong and how to fix it): Slack shows them in the
   *  modal (`response_action: "errors"`), elsewhere they are a private reply. Only valid as an answer to a formSubmit. */
  | { kind: "formErrors"; errors: Record<string, string> };

export const line = (...parts: Inline[]): Inline[] => parts;
export const textMessage = (...lines: (string | Inline[])[]): Message => ({
  text: lines.map((l) => (typeof l === "string" ? [l] : l)),
});
