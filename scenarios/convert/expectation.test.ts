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
