/** What every command writes through, and the exit codes every command returns. */

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress is redrawn in place). */
  interactive: boolean;
}

/** No errors (warnings allowed). */
export const EXIT_OK = 0;
/** Some report has errors, or the command refused because of them. */
export const EXIT_ERRORS = 1;
/** A file could not be read, holds none of the three tables, or the arguments are wrong. */
export const EXIT_UNREADABLE = 2;
