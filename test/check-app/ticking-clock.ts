/**
 * A clock that advances 1 ms per reading, for the burst check (19): its measured rate then depends on the
 * number of readings, not on how busy the test machine is, so no test asserts a timing.
 */
export function tickingClock(): () => number {
  let ms = 0;
  return () => ++ms;
}
