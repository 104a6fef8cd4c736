import type { ChannelRef } from "./message.ts";
import type { OptionInput } from "./parseCommandInput.ts";

/** Who acted, as the platform told us. Adapters fill it from authenticated requests only. */
export type Actor = {
  platform: string;
  workspaceId: string;
  workspaceName: string;
  userId: string;
  displayName: string;
  /** Slack workspace admin / Discord Manage Server: a network organiser by right. */
  isPlatformAdmin: boolean;
  /** The member's zone as their platform profile reports it (Slack), if any. */
  platformZone?: string;
  /** The platform's locale for this member (Slack `locale`, Discord `locale`), BCP 47; for a later language issue. */
  locale?: string;
};

/** Inbound events, as typed values: adapters turn slash commands, button clicks, selects and form submissions into these. */
export type InboundEvent =
  /** `text` as typed (console, simulator, Slack); `options` when the platform split typed options (Discord),
   *  in which case `text` is only for logs and may be empty. */
  | { kind: "command"; actor: Actor; channel: ChannelRef; name: string; text: string; options?: OptionInput }
  | { kind: "action"; actor: Actor; channel: ChannelRef; actionId: string; value: string }
  /** `values`: a text field's text, or a choice field's chosen values (empty when none). */
  | { kind: "formSubmit"; actor: Actor; channel: ChannelRef; formId: string; context: string; values: Record<string, FormValue> };

export type FormValue = string | readonly string[];
