import { expect, test } from "vitest";
import { simulate } from "../../index";
import { MS, SECOND } from "../../core/time";
import type { Scenario } from "../../scenario";
import { defaultsOf } from "../../options/option-table";
import { ECHO_CLIENT_OPTIONS } from "../workload/echo-client";
import { ECHO_SERVER_OPTIONS } from "./echo-server";

const scenario = (server: Record<string, unknown>, client: Record<string, unknown>): Scenario => ({
  name: "echo-options", duration: 2 * SECOND, nodes: [{ name: "s1" }, { name: "c1" }],
  processes: [
    { node: "s1", name: "echo", kind: "echo-server", config: server },
    { node: "c1", name: "client", kind: "echo-client", config: { targets: ["s1/echo"], ...client } },
  ],
});

test("echo options: the defaults are the tables' (10 calls/s, 500ms timeout, no limit, no service time)", () => {
  expect(defaultsOf(ECHO_CLIENT_OPTIONS)).toEqual({ rate: 10, timeout: 500 * MS, limit: null });
  expect(defaultsOf(ECHO_SERVER_OPTIONS)).toEqual({ serviceTime: 0, durableCount: false });
});

test("echo options: text with units is read as the table says, and limit stops the client", async () => {
  const sim = await simulate(scenario({ serviceTime: "2ms" }, { rate: "100/s", limit: 7 }), { seed: 1 });
  const ends = sim.history.filter((h) => h.event === "call-end");
  expect(ends).toHaveLength(7);
  expect(ends.every((h) => h.fields.ok === true && (h.fields.latency as number) >= 2 * MS)).toBe(true);
});

/** What a run said went wrong: a component's configuration error fails the run's checks with its message. */
const complaint = async (server: Record<string, unknown>, client: Record<string, unknown>) => {
  const sim = await simulate(scenario(server, client), { seed: 1 });
  expect(sim.result.passed).toBe(false);
  return JSON.stringify(sim.result.checks);
};

test("echo options: a misspelled key and a bad value are CS701 errors that name the process, the field and what is right", async () => {
  expect(await complaint({ servicetime: 5 }, {})).toMatch(/s1\/echo \(echo-server\): unknown option \\"servicetime\\" \(did you mean \\"serviceTime\\"\?\)/);
  expect(await complaint({}, { targets: ["nowhere"] })).toMatch(/c1\/client \(echo-client\): targets must be a list of addresses/);
  expect(await complaint({}, { rate: "fast" })).toMatch(/c1\/client \(echo-client\): rate must be a rate/);
});
