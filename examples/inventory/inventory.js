// A team's own service, written against clustersim's runtime API and nothing else: an inventory
// primary that reserves items and must never lose a reservation it acknowledged. clustersim
// loads this module because a scenario names it under `modules:`; the kinds and the checker it
// exports join the built-in ones.

const MS = 1000;
const SECOND = 1000 * MS;

/**
 * The inventory primary. `syncBeforeAck: false` is the bug this example hunts: it acknowledges a
 * reservation before the write is durable, syncing only every `flushEvery` instead.
 * @type {import("../../engine/index").ProcessFactory}
 */
const inventoryPrimary = (rt, config) => {
  const stock = config.stock ?? 1000;
  const syncBeforeAck = config.syncBeforeAck ?? true;
  const flushEvery = config.flushEveryMs === undefined ? 500 * MS : config.flushEveryMs * MS;
  let reserved = rt.disk.read("reserved") ?? 0;
  const flush = () => {
    rt.disk.sync();
    rt.setTimer(flushEvery, flush, "flush");
  };
  return {
    start() {
      rt.record("recovered", { reserved });
      rt.publish((s) => { s.reserved = reserved; s.stock = stock; });
      if (!syncBeforeAck) rt.setTimer(flushEvery, flush, "flush");
    },
    request(req) {
      if (req.type !== "reserve") throw new Error(`unknown request ${req.type}`);
      if (reserved >= stock) throw new Error("sold out");
      reserved++;
      rt.disk.write("reserved", reserved);
      if (syncBeforeAck) rt.disk.sync();
      rt.publish((s) => { s.reserved = reserved; });
      return { n: reserved };
    },
  };
};

/**
 * A client that reserves one item at a time at `rate` per second and records every acknowledgement.
 * @type {import("../../engine/index").ProcessFactory}
 */
const inventoryClient = (rt, config) => {
  const every = Math.round(SECOND / (config.rate ?? 20));
  const reserve = async () => {
    rt.setTimer(every, reserve, "reserve");
    try {
      const reply = await rt.call(config.primary, "reserve", null, { timeout: 200 * MS });
      rt.record("reserve-ack", { n: reply.n });
      rt.metrics.count("reservations.acked");
    } catch (e) {
      rt.record("reserve-error", { error: e.code ?? String(e) });
      rt.metrics.count("reservations.failed");
    }
  };
  return { start() { rt.setTimer(every, reserve, "reserve"); } };
};

/**
 * The promise the primary makes: after a restart it has every reservation it acknowledged.
 * @type {import("../../engine/index").CheckerFactory}
 */
const ackedReservationsDurable = () => ({
  name: "acked-reservations-durable",
  description: "After a restart the primary still has every reservation it acknowledged.",
  check(ctx) {
    const violations = [];
    let highestAck = 0, ackIndex = -1;
    for (const h of ctx.history) {
      if (h.event === "reserve-ack" && h.fields.n > highestAck) {
        highestAck = h.fields.n;
        ackIndex = h.index;
      }
      if (h.event === "recovered" && h.fields.reserved < highestAck) {
        violations.push({
          message: `${h.address} recovered ${h.fields.reserved} reservations, but ${highestAck} had been acknowledged`,
          t: h.t, nodes: [h.node], history: [ackIndex, h.index], events: [],
        });
        highestAck = h.fields.reserved;
      }
    }
    return { violations };
  },
});

const primarySchema = {
  type: "object", additionalProperties: false,
  properties: {
    stock: { type: "integer", minimum: 0, description: "Items for sale." },
    syncBeforeAck: { type: "boolean", description: "Sync the write before acknowledging (false is the bug)." },
    flushEveryMs: { type: "integer", minimum: 1, description: "With syncBeforeAck false: sync this often." },
  },
};

export const processes = {
  "inventory-primary": { factory: inventoryPrimary, description: "Reserves items; must never lose an acknowledged reservation.", configSchema: primarySchema },
  "inventory-client": {
    factory: inventoryClient, description: "Reserves items at a steady rate.",
    configSchema: { type: "object", required: ["primary"], properties: { primary: { type: "string" }, rate: { type: "number" } } },
  },
};

export const checkers = {
  "acked-reservations-durable": { factory: ackedReservationsDurable, description: "After a restart the primary still has every reservation it acknowledged." },
};
