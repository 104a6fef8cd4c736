/** The zone a member sees times in: the one they chose, else their platform profile's, else the network default. */
export function effectiveZone(
  member: { zone: string | null; platformZone: string | null },
  network: { defaultZone: string },
): string {
  return member.zone ?? member.platformZone ?? network.defaultZone;
}
