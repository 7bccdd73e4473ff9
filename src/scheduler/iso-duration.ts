const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds in an ISO-8601 duration of days, hours, minutes and seconds (`PT40M`, `P1DT2H`, `PT2.5S`),
 * the form Entra's `synchronizationSchedule.interval` uses. Years, months and weeks are refused: their
 * length depends on the calendar, and a cycle interval never needs them.
 */
export function parseIsoDuration(text: string): number {
  const [, days, hours, minutes, seconds] = ISO_DURATION.exec(text) ?? [];
  const ms =
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number(seconds ?? 0) * 1000;
  // A bare "P" or a dangling "T" match the pattern but hold nothing: the zero check refuses them too.
  if (!(ms > 0) || text.endsWith("T")) {
    throw new Error(`Expected a positive ISO-8601 duration such as PT40M, got "${text}"`);
  }
  return ms;
}
