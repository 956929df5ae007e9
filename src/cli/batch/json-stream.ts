/**
 * `--json` written as files finish: the same document `JSON.stringify({ files }, null, 2)` gives
 * for the whole run, byte for byte, without holding the files' results until the end.
 */

/** Writes `{"files":[…]}` one entry at a time, each entry already serialised with two-space indentation. */
export class JsonFilesWriter {
  private count = 0;

  constructor(private readonly out: (text: string) => void) {}

  /** `entry` is `JSON.stringify(value, null, 2)`: strings in it hold no raw line break, so re-indenting is safe. */
  add(entry: string): void {
    this.out(`${this.count === 0 ? '{\n  "files": [\n' : ',\n'}    ${entry.replace(/\n/g, '\n    ')}`);
    this.count++;
  }

  close(): void {
    this.out(this.count === 0 ? '{\n  "files": []\n}\n' : '\n  ]\n}\n');
  }
}
