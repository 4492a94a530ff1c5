/** sysexits(3) */
export const EX = { OK: 0, USAGE: 64, DATAERR: 65, NOINPUT: 66, UNAVAILABLE: 69, SOFTWARE: 70, CANTCREAT: 73, CONFIG: 78 } as const;

/** Ends the command with `code` and `message` on stderr. */
export class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
