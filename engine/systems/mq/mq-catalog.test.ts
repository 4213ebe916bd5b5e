import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../scenario";
import { MQ_BUGS, mqBugZooScenario, type MqBug } from "./bug-zoo";
import { kafkaScenario } from "./kafka-scenario";
import { mqCheckers, mqProcesses } from "./mq-catalog";
import { queueScenario } from "./queue-scenario";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validator = (kind: string) => ajv.compile(mqProcesses[kind].configSchema!);

describe("mq catalog", () => {
  it("every process kind has a config schema that accepts the configs the scenario builders write", () => {
    const scenarios: Scenario[] = [
      kafkaScenario(), queueScenario({ deadLetterQueue: "dead", broker: { queues: [{ name: "work", type: "quorum", deadLetterExchange: "dlx" }, { name: "dead" }], exchanges: [{ name: "dlx", type: "fanout", bindings: ["dead"] }] } }),
      ...(Object.keys(MQ_BUGS) as MqBug[]).map((b) => mqBugZooScenario(b, true, 1)),
    ];
    for (const s of scenarios) {
      for (const p of s.processes) {
        const validate = validator(p.kind!);
        expect(validate(JSON.parse(JSON.stringify(p.config))), `${s.name} ${p.node}/${p.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it("every profile, merged under the fields its kind requires, is valid config", () => {
    const required: Record<string, Record<string, unknown>> = {
      "kafka-controller": { brokers: ["b1/broker"] }, "kafka-broker": { controller: "ctl/controller" },
      "kafka-producer": { controller: "ctl/controller" }, "kafka-consumer": { controller: "ctl/controller", coordinator: "ctl/coordinator" },
      "queue-consumer": { broker: "mq/broker", queue: "work" }, "queue-publisher": { broker: "mq/broker", queue: "work" },
    };
    let profiles = 0;
    for (const [kind, entry] of Object.entries(mqProcesses)) {
      const validate = validator(kind);
      for (const [name, profile] of Object.entries(entry.profiles ?? {})) {
        profiles++;
        expect(validate({ ...required[kind], ...profile }), `${kind} profile ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    expect(profiles).toBeGreaterThanOrEqual(15);
  });

  it("a misspelled key or a bad value is refused by the schema", () => {
    expect(validator("kafka-producer")({ controller: "ctl/controller", akcs: "all" })).toBe(false);
    expect(validator("kafka-broker")({ controller: "ctl/controller", flush: "sometimes" })).toBe(false);
    expect(validator("queue-consumer")({ broker: "mq/broker", queue: "q", onFailure: "retry" })).toBe(false);
  });

  it("the four queue checkers are registered", () => {
    expect(Object.keys(mqCheckers).sort()).toEqual(["all-accounted", "duplicates", "no-acked-loss", "partition-order"]);
  });
});
