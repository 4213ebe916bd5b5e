import { expect, test } from "vitest";
import { parseExpectation } from "./expectation";

test("expect: stat(metric) op duration becomes microseconds", () => {
  expect(parseExpectation("p99(latency) < 250ms")).toEqual({ ok: true, value: { metric: "latency", stat: "p99", op: "<", value: 250_000, text: "p99(latency) < 250ms" } });
});

test("expect: a bare dotted metric is the metric's value, and a percentage a ratio", () => {
  expect(parseExpectation("errors.rate < 1%")).toMatchObject({ ok: true, value: { metric: "errors.rate", stat: "value", op: "<", value: 0.01 } });
});

test("expect: a ratio of two metrics carries the divisor in per", () => {
  expect(parseExpectation("calls.error / calls.total <= 0.5%")).toMatchObject({ ok: true, value: { metric: "calls.error", per: "calls.total", stat: "value", op: "<=", value: 0.005 } });
  expect(parseExpectation("count(a) / count(b) < 10%")).toMatchObject({ ok: true, value: { metric: "a", per: "b", stat: "count" } });
});

test("expect: every comparison parses, with or without spaces", () => {
  for (const op of ["<", "<=", ">", ">=", "==", "!="]) {
    expect(parseExpectation(`count(x)${op}3`)).toMatchObject({ ok: true, value: { op, value: 3 } });
  }
});

test("expect: rates compare with rate(metric) in events per second", () => {
  expect(parseExpectation("rate(requests) >= 6000/m")).toMatchObject({ ok: true, value: { stat: "rate", value: 100 } });
});

test("expect: mismatched units are refused with the reason", () => {
  expect(parseExpectation("count(errors) < 5ms")).toMatchObject({ ok: false, message: expect.stringMatching(/not a time/) });
  expect(parseExpectation("p99(latency) < 100/s")).toMatchObject({ ok: false, message: expect.stringMatching(/rate\(metric\)/) });
  expect(parseExpectation("errors / requests < 1s")).toMatchObject({ ok: false, message: expect.stringMatching(/no unit/) });
});

test("expect: the two sides of a ratio must take the same statistic", () => {
  expect(parseExpectation("count(a) / sum(b) < 1%")).toMatchObject({ ok: false, offset: 11 });
});

test("expect: errors say at which character the trouble starts", () => {
  expect(parseExpectation("p99(latency) 250ms")).toMatchObject({ ok: false, offset: 13 });
  expect(parseExpectation("p99(latency < 1ms")).toMatchObject({ ok: false, offset: 12 });
  expect(parseExpectation("median(latency) < 1ms")).toMatchObject({ ok: false, offset: 0, suggestion: 'did you mean "p50(...)"?' });
  expect(parseExpectation("p99(latency) <")).toMatchObject({ ok: false, offset: 14 });
  expect(parseExpectation("p99(latency) < 10sec")).toMatchObject({ ok: false, suggestion: 'did you mean "10s"?' });
  expect(parseExpectation("< 3")).toMatchObject({ ok: false, offset: 0 });
});

test("expect: the right side may be another measurement of the same run, with a factor on either side", () => {
  expect(parseExpectation("p99(lc.latency) < 0.8 * p99(rr.latency)")).toEqual({
    ok: true, value: { metric: "lc.latency", stat: "p99", op: "<", value: 0.8, against: { metric: "rr.latency", stat: "p99" }, text: "p99(lc.latency) < 0.8 * p99(rr.latency)" },
  });
  expect(parseExpectation("mean(a) >= mean(b) * 2")).toMatchObject({ ok: true, value: { op: ">=", value: 2, against: { metric: "b", stat: "mean" } } });
  expect(parseExpectation("count(a.calls) < count(b.calls)")).toMatchObject({ ok: true, value: { value: 1, against: { metric: "b.calls", stat: "count" } } });
  expect(parseExpectation("a.err / a.total < 0.5 * b.err / b.total")).toMatchObject({ ok: true, value: { metric: "a.err", per: "a.total", value: 0.5, against: { metric: "b.err", per: "b.total", stat: "value" } } });
  // A number with no * after it is still a plain value, and a rate is not a ratio.
  expect(parseExpectation("rate(requests) >= 100/s")).toMatchObject({ ok: true, value: { value: 100 } });
  expect(parseExpectation("p99(latency) < 250ms")).not.toHaveProperty("value.against");
});

test("expect: a comparison of two measurements compares like with like", () => {
  expect(parseExpectation("errors / requests < p99(latency)")).toMatchObject({ ok: false, message: expect.stringMatching(/another ratio/), offset: 20 });
  expect(parseExpectation("rate(a) < count(b)")).toMatchObject({ ok: false, message: expect.stringMatching(/another rate/) });
  expect(parseExpectation("p99(a) < 0 * p99(b)")).toMatchObject({ ok: false, message: expect.stringMatching(/positive/) });
  expect(parseExpectation("p99(a) < p99(b) * ms")).toMatchObject({ ok: false, message: expect.stringMatching(/number after \*/) });
  expect(parseExpectation("p99(a) < p99(b) + 5ms")).toMatchObject({ ok: false, message: expect.stringMatching(/unexpected "\+ 5ms"/), offset: 16 });
});

test("expect: within takes a percentage of the value or a distance in its unit", () => {
  expect(parseExpectation("mean(wait) within 2% of 1.97s")).toMatchObject({ ok: true, value: { op: "within", value: 1_970_000, tolerance: { value: 0.02, relative: true } } });
  expect(parseExpectation("mean(wait) within 5ms of 110ms")).toMatchObject({ ok: true, value: { op: "within", value: 110_000, tolerance: { value: 5000, relative: false } } });
  expect(parseExpectation("errors / requests within 0.005 of 1%")).toMatchObject({ ok: true, value: { value: 0.01, tolerance: { value: 0.005, relative: false } } });
  expect(parseExpectation("mean(wait) within 5 of 110ms")).toMatchObject({ ok: false, message: expect.stringMatching(/tolerance is a number but the value a duration/) });
  expect(parseExpectation("mean(wait) within 5ms")).toMatchObject({ ok: false, message: expect.stringMatching(/within TOLERANCE of VALUE/) });
  expect(parseExpectation("count(x) within 1% of 5ms")).toMatchObject({ ok: false, message: expect.stringMatching(/not a time/) });
});
