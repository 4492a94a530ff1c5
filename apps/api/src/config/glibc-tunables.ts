/**
 * glibc's malloc settings the server starts with: `npm start`, `npm run start:prod` and the image
 * set `GLIBC_TUNABLES` to this unless it is already set, and the benchmarks start the server with it.
 *
 * Allocations of 16 KiB and more are mapped on their own, and so returned to the system when freed.
 * A rebuild of the read models from zero fills a 64 MiB SQLite page cache of 16 KiB pages, then
 * shrinks it; from the process heap, most of that memory stayed resident as free fragments (glibc
 * returns only the top of the heap). Measured on 1,020,500 events: 270 MiB resident 90 s after
 * `/ready` instead of 333, the rebuild as fast (docs/performance.md). Other C libraries ignore it.
 */
export const GLIBC_TUNABLES = 'glibc.malloc.mmap_threshold=16384';
