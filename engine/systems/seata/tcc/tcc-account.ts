import type { Disk } from "../../../node/runtime-api";

/** Which business service a participant is. */
export type TccResource = "order" | "stock" | "payment";

/**
 * A business service's table in the TCC shape: what is free, what Try has reserved (frozen) and
 * what Confirm has made final (done). Stock: units available, frozen, sold. Payment: the
 * balance, the frozen amount, the amount debited. Orders: rows pending (Try inserted them) and
 * confirmed; the order service has no limit, so its `free` stays 0. Invariant of a limited
 * resource: free + frozen + done is what it started with, and nothing is negative.
 */
export interface Account {
  free: number;
  frozen: number;
  done: number;
}

/** What one order asks of each resource: units of stock, money, or one order row. */
export function amountFor(resource: TccResource, quantity: number, amount: number): number {
  return resource === "stock" ? quantity : resource === "payment" ? amount : 1;
}

/** The account's table on the service's disk. */
export class AccountTable {
  constructor(private readonly disk: Disk, readonly resource: TccResource, initial: number) {
    if (this.disk.read("account") === undefined) {
      this.disk.write("account", { free: resource === "order" ? 0 : initial, frozen: 0, done: 0 });
      this.disk.sync();
    }
  }

  read(): Account {
    return this.disk.read<Account & Record<string, number>>("account")!;
  }

  private write(a: Account): void {
    this.disk.write("account", { free: a.free, frozen: a.frozen, done: a.done });
  }

  /**
   * The business check of Try: null when the reservation can be made, else why not (not enough
   * stock, not enough money). The order service always can.
   */
  refuses(n: number): string | null {
    if (this.resource === "order") return null;
    const a = this.read();
    return a.free >= n ? null : `${this.resource === "stock" ? "not enough stock" : "insufficient balance"}: ${a.free} free, ${n} asked`;
  }

  /**
   * The three business methods, written the way the TCC pattern's first example writes them:
   * each trusts the context it is given. Try reserves n, Confirm makes n final, Cancel gives n
   * back. None of them asks whether its own phase already ran, or whether Try ever did: that is
   * what the fence (or hand-written checks) adds, and without it an empty rollback frees what
   * was never reserved, a late Try reserves for a transaction already over, and a repeated
   * Confirm debits twice.
   */
  try(n: number): Account {
    const a = this.read();
    if (this.resource !== "order") a.free -= n;
    a.frozen += n;
    this.write(a);
    return a;
  }

  confirm(n: number): Account {
    const a = this.read();
    a.frozen -= n;
    a.done += n;
    this.write(a);
    return a;
  }

  cancel(n: number): Account {
    const a = this.read();
    a.frozen -= n;
    if (this.resource !== "order") a.free += n;
    this.write(a);
    return a;
  }
}
