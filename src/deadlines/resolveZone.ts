import { FixedOffsetZone, IANAZone, type Zone } from "luxon";

/**
 * "Anywhere on Earth" is the academic convention for deadlines: the deadline holds until that
 * date has ended everywhere, i.e. at UTC−12, which has no daylight saving.
 */
export const AOE_OFFSET_MINUTES = -12 * 60;

/** The luxon zone for an IANA name or "AoE" (any case); null when the name is unknown. */
export function resolveZone(name: string): Zone | null {
  if (name.toLowerCase() === "aoe") return FixedOffsetZone.instance(AOE_OFFSET_MINUTES);
  if (!IANAZone.isValidZone(name)) return null;
  return IANAZone.create(name);
}

/**
 * For callers that receive zones which were validated on the way in (stored member settings):
 * an unknown zone there is a bug, not a user mistake, so it throws.
 */
export function requireZone(name: string): Zone {
  const zone = resolveZone(name);
  if (zone === null) throw new Error(`Unknown time zone ${JSON.stringify(name)} reached the deadline domain; zones must be validated on input`);
  return zone;
}
