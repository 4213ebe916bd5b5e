import { describe, expect, it } from "vitest";
import { createStream } from "../../core/streams";
import { votePolicy } from "./vote-policy";
import { durationValue } from "./config-values";
import { coordinatorOptions, participantOptions, COMMIT_DEFAULTS } from "./commit-options";

const draw = (spec: unknown, n: number, seed = 1) => {
  const next = votePolicy(spec, createStream(seed, "votes"), "test.vote");
  return Array.from({ length: n }, () => next());
};

describe("vote policy", () => {
  it("vote policy: absent means always yes; a word means always that", () => {
    expect(draw(undefined, 3)).toEqual(["yes", "yes", "yes"]);
    expect(draw("read-only", 2)).toEqual(["read-only", "read-only"]);
  });

  it("vote policy: a script is followed in order, then yes", () => {
    expect(draw(["no", "read-only", "no"], 5)).toEqual(["no", "read-only", "no", "yes", "yes"]);
  });

  it("vote policy: a probability of yes is drawn from the participant's stream, the same for the same seed", () => {
    const votes = draw(0.8, 2000);
    const yes = votes.filter((v) => v === "yes").length / votes.length;
    expect(yes).toBeGreaterThan(0.77);
    expect(yes).toBeLessThan(0.83);
    expect(votes.every((v) => v === "yes" || v === "no")).toBe(true);
    expect(draw(0.8, 50, 9)).toEqual(draw(0.8, 50, 9));
  });

  it("vote policy: weights are drawn in proportion", () => {
    const votes = draw({ yes: 2, "read-only": 1, no: 1 }, 4000);
    const share = (v: string) => votes.filter((x) => x === v).length / votes.length;
    expect(share("yes")).toBeCloseTo(0.5, 1);
    expect(share("read-only")).toBeCloseTo(0.25, 1);
    expect(share("no")).toBeCloseTo(0.25, 1);
  });

  it("vote policy: anything else is refused with what would be right", () => {
    expect(() => draw("maybe", 1)).toThrow(/test.vote: expected a vote \("yes", "no", "read-only"\), a probability/);
    expect(() => draw(1.5, 1)).toThrow(/got 1.5/);
    expect(() => draw({ yes: 1, perhaps: 1 }, 1)).toThrow(/weights such as/);
  });
});

describe("commit options", () => {
  it("commit options: durations are microseconds or strings with units", () => {
    expect(durationValue("250ms", "x", 0)).toBe(250_000);
    expect(durationValue("1m30s", "x", 0)).toBe(90_000_000);
    expect(durationValue(1500, "x", 0)).toBe(1500);
    expect(durationValue(undefined, "x", 7)).toBe(7);
    expect(() => durationValue("10 parsecs", "2pc-participant p1/p config.decisionTimeout", 0))
      .toThrow('2pc-participant p1/p config.decisionTimeout: expected a duration such as "250ms" or "2s" (or a whole number of microseconds), got "10 parsecs"');
  });

  it("commit options: defaults keep the textbook's timeout order (coordinator before participants)", () => {
    const c = coordinatorOptions({}, "c");
    const p = participantOptions({}, "p");
    expect(c).toMatchObject({ presumption: "abort", bug: "none", voteTimeout: COMMIT_DEFAULTS.voteTimeout });
    expect(p.decisionTimeout).toBeGreaterThan(c.voteTimeout);
    expect(p.commitTimeout).toBeGreaterThan(c.ackTimeout);
    expect(p.termination).toBe("cooperative");
  });

  it("commit options: an unknown presumption or bug is a CS701 error that names the valid ones", () => {
    expect(() => coordinatorOptions({ presumption: "commit" }, "2pc-coordinator c/c config")).toThrow('2pc-coordinator c/c config: presumption must be one of "abort", "nothing", got "commit"');
    expect(() => participantOptions({ bug: "forget-commit" }, "p")).toThrow('p: bug must be one of "none", "forget-vote", got "forget-commit"');
    expect(() => participantOptions({ decisionTimeout: "10 parsecs" }, "p")).toThrow(expect.objectContaining({ code: "CS701" }));
  });
});
