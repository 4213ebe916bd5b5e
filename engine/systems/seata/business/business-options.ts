import { MS, SECOND } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";

/**
 * The business data every mode's branch services start from, declared once so that 2PC, AT,
 * TCC and Saga run the same place-order transaction on the same rows: `users` accounts
 * `u1..` holding `initialBalance` each (the payment service), `items` items `item-1..` with
 * `initialStock` each (the stock service), and no order rows (the order service).
 */
export const BUSINESS_DATA_OPTIONS = {
  users: { type: "int", default: 3, min: 1, description: "Accounts u1..u<users> at the payment service; the client draws its orders' users from them." },
  items: { type: "int", default: 2, min: 1, description: "Items item-1..item-<items> at the stock service; the client draws its orders' items from them." },
  initialBalance: { type: "int", default: 1000, min: 0, description: "Each account's balance at the payment service's first start." },
  initialStock: { type: "int", default: 100, min: 0, description: "Each item's stock at the stock service's first start." },
} as const satisfies OptionTable;

/** The business data options, read. */
export type BusinessDataOptions = OptionValues<typeof BUSINESS_DATA_OPTIONS>;

/**
 * The client's stream of place-order transactions: `count` of them, one every `interval` from
 * `startAt`, each for `quantity` of a drawn item at `price` a piece from a drawn user. Constant
 * arrivals keep the transactions' times the same for every seed, so a fault lands in the same
 * transaction whatever the seed (the network's latency still varies).
 */
export const PLACE_ORDER_OPTIONS = {
  users: BUSINESS_DATA_OPTIONS.users,
  items: BUSINESS_DATA_OPTIONS.items,
  count: { type: "int", default: 20, min: 0, description: "How many place-order transactions the client runs." },
  interval: { type: "duration", default: 100 * MS, min: 1, description: "Between the starts of two transactions (they may overlap)." },
  startAt: { type: "duration", default: 1 * SECOND, description: "When the first transaction starts." },
  quantity: { type: "int", default: 1, min: 1, description: "Pieces per order, taken from stock." },
  price: { type: "int", default: 10, min: 0, description: "Price of a piece: an order debits quantity x price." },
} as const satisfies OptionTable;

/** The place-order client options, read. */
export type PlaceOrderOptions = OptionValues<typeof PLACE_ORDER_OPTIONS>;
