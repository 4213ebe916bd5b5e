// The checker the third-party scenarios judge by: two clients' circuit breakers, one clustersim's
// own and one a library's, go through the same states at the same moments, give or take
// `withinMs`. It reads only the `breaker-transition` records both kinds of client write.

/** @param {import("../../../engine/index").HistoryEntry} h */
const at = (h) => `${(h.t / 1e6).toFixed(3)} s`;

/**
 * `params.clients`: the two client addresses; `params.withinMs` (default 50): how far apart two
 * matching transitions may be. A violation names the first transition where they part.
 * @type {import("../../../engine/index").CheckerFactory}
 */
const breakersAgree = (params) => ({
  name: "breakers-agree",
  description: "Two clients' breakers go through the same states at about the same moments.",
  check(ctx) {
    const [a, b] = /** @type {string[]} */ (params.clients);
    const within = Number(params.withinMs ?? 50) * 1000;
    const of = (address) => ctx.history.filter((h) => h.event === "breaker-transition" && h.address === address);
    const ta = of(a), tb = of(b);
    const violations = [];
    for (let i = 0; i < Math.max(ta.length, tb.length) && violations.length === 0; i++) {
      const x = ta[i], y = tb[i];
      const first = x && y ? (x.t <= y.t ? x : y) : (x ?? y);
      let problem = null;
      if (!x || !y) problem = `${first.address} went ${first.fields.from} -> ${first.fields.to} at ${at(first)}, and ${first === x ? b : a} never did`;
      else if (x.fields.to !== y.fields.to) problem = `transition ${i + 1}: ${a} went to ${x.fields.to} at ${at(x)}, ${b} to ${y.fields.to} at ${at(y)}`;
      else if (Math.abs(x.t - y.t) > within) problem = `transition ${i + 1} to ${x.fields.to}: ${a} at ${at(x)}, ${b} at ${at(y)}, more than ${within / 1000} ms apart`;
      if (problem) violations.push({ message: problem, t: first.t, nodes: [first.node], history: [x, y].filter(Boolean).map((h) => h.index), events: [] });
    }
    const findings = ta.length > 0 && ta.length === tb.length && violations.length === 0
      ? [{ message: `${ta.length} transitions each, the furthest apart by ${Math.max(...ta.map((x, i) => Math.abs(x.t - tb[i].t))) / 1000} ms` }]
      : [];
    if (ta.length === 0 && tb.length === 0) violations.push({ message: `neither ${a} nor ${b} changed state: the fault did not reach the breakers`, t: 0, nodes: [], history: [], events: [] });
    return { violations, findings };
  },
});

export const checkers = {
  "breakers-agree": { factory: breakersAgree, description: "Two clients' breakers go through the same states at about the same moments." },
};
