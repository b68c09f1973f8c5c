import { setImmediate } from 'node:timers/promises';

/** The most rows one export holds, and how many of them are read at once. */
export const EXPORT_LIMIT = 200_000;
export const EXPORT_PAGE = 500;

/**
 * Rows by id for an export too long to read or hold at once: `read` is given `size` ids at a time, in the order of
 * `ids`. Each page is a short query of its own, so other requests get the database between pages; and since the
 * embedded database answers within this thread (its awaits never let a waiting request in), each page first lets
 * the event loop turn once.
 */
export async function* pagesOf<T>(
  ids: readonly number[],
  size: number,
  read: (ids: number[]) => Promise<T[]>,
): AsyncGenerator<T[]> {
  for (let i = 0; i < ids.length; i += size) {
    await setImmediate();
    yield await read(ids.slice(i, i + size));
  }
}
