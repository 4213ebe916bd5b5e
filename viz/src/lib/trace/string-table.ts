/** Interns strings as small integers, for columns that repeat a few names (message types). */
export class StringTable {
  private index = new Map<string, number>();
  /** The strings by index. */
  readonly values: string[] = [];

  /** The index of a string, adding it on first sight. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
