/**
 * `fn` over every item with at most `limit` calls in flight, answers in the items' order: the
 * independent reads of a turn or a report run together instead of one after another (issue 16
 * item 4), without opening thousands of requests at once on a council-wide report.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * How many of one chat turn's independent reads are in flight at once. A manager's question reads
 * three partitions per person; all at once (about 30) they queue every other person's reads behind
 * them at the storage account and on the event loop, which is what made everyone's slow turns
 * (issue 16 item 4, bench:turns). Nine keeps a team's question quick without crowding others out.
 */
export const TURN_READS_AT_ONCE = 9;
