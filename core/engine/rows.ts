/** Shared by the connectors: turn engine values into the plain values the Connector promises. */
export function plainNumber(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

export function isoDateFromEpochDays(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export function isoDateFromEpochMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
