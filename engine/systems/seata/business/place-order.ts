import type { Rng } from "../../../core/rng";

/** The three branch services of "place order", each with its own database. */
export type BranchService = "order" | "stock" | "payment";

/** Every branch service, in the order a place-order transaction calls them. */
export const BRANCH_SERVICES: readonly BranchService[] = ["order", "stock", "payment"];

/**
 * One "place order" business transaction: insert the order row, take `quantity` of `item` from
 * stock, debit `amount` from `user`'s account. Its id is also the order's id.
 */
export interface PlaceOrder {
  txn: string;
  user: string;
  item: string;
  quantity: number;
  amount: number;
}

/** One branch's part of a place-order transaction: the row it changes and by how much. */
export interface BranchOp {
  service: BranchService;
  resource: string;
  delta: number;
}

/** The business rows: `order/<txn>` (0 or 1), `stock/<item>`, `account/<user>`. */
export const resourceOf = {
  order: (txn: string) => `order/${txn}`,
  stock: (item: string) => `stock/${item}`,
  account: (user: string) => `account/${user}`,
};

/** The three branch operations of an order, in call order. */
export function branchOps(o: PlaceOrder): BranchOp[] {
  return [
    { service: "order", resource: resourceOf.order(o.txn), delta: 1 },
    { service: "stock", resource: resourceOf.stock(o.item), delta: -o.quantity },
    { service: "payment", resource: resourceOf.account(o.user), delta: -o.amount },
  ];
}

/**
 * Why a branch refuses its operation: stock and balances never go below zero (the business
 * rule every mode keeps at its branches); an order row is inserted once.
 */
export function refusal(op: BranchOp, current: number): string | null {
  const after = current + op.delta;
  if (op.service === "order") return current === 0 ? null : "duplicate order";
  if (after < 0) return op.service === "stock" ? "insufficient stock" : "insufficient balance";
  return null;
}

/** The names of the users' accounts and the items: `u1..uN`, `item-1..item-N`. */
export function userNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `u${i + 1}`);
}

/** See `userNames`. */
export function itemNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `item-${i + 1}`);
}

/** Draws the next order from the client's own stream. */
export function drawOrder(rng: Rng, txn: string, o: { users: number; items: number; quantity: number; price: number }): PlaceOrder {
  const user = `u${rng.int(o.users) + 1}`;
  const item = `item-${rng.int(o.items) + 1}`;
  return { txn, user, item, quantity: o.quantity, amount: o.quantity * o.price };
}
