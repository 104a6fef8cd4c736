import { assertNever } from "./assertNever.ts";
import { fitMessage } from "./fitMessage.ts";
import type { Send } from "./message.ts";
import type { PlatformLimits } from "./platformPort.ts";

/** Every send cut to what the platform takes: one long reply becomes several, in order; forms pass as they are. */
export function fitSends(sends: readonly Send[], limits: PlatformLimits): Send[] {
  return sends.flatMap((s): Send[] => {
    switch (s.kind) {
      case "reply":
      case "dm":
      case "post":
        return fitMessage(s.message, limits).map((message) => ({ ...s, message }));
      case "form":
      case "formErrors":
        return [s];
      default:
        return assertNever(s, "send");
    }
  });
}
