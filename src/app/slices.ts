/**
 * Consecutive slices of `size` items, pulled one slice at a time: how a list of changes becomes batches,
 * and how a full read's users leave the spool without all being held at once.
 */
export function* slices<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let slice: T[] = [];
  for (const item of items) {
    slice.push(item);
    if (slice.length === size) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}
