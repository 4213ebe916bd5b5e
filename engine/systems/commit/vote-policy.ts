import type { Rng } from "../../core/rng";

/** A participant's vote: commit, abort, or "I changed nothing, leave me out" (read-only). */
export type Vote = "yes" | "no" | "read-only";

/** The outcome of a transaction. */
export type Outcome = "commit" | "abort";

/**
 * How a participant votes, as a scenario writes it:
 * - a vote (`yes`, `no`, `read-only`): always that;
 * - a number in [0, 1]: yes with that probability, otherwise no;
 * - weights (`{ yes: 8, no: 1, read-only: 1 }`): drawn in proportion;
 * - a list (`[yes, no, yes]`): a script, one vote per vote request in the order they arrive
 *   (counted per incarnation), then yes once the script runs out.
 */
export type VotePolicySpec = Vote | number | Vote[] | Partial<Record<Vote, number>>;

const VOTES: readonly Vote[] = ["yes", "no", "read-only"];

function isVote(v: unknown): v is Vote {
  return typeof v === "string" && (VOTES as readonly string[]).includes(v);
}

/** A vote source: called once per vote request, in order. */
export type VotePolicy = () => Vote;

/**
 * Builds the vote source for a policy. Random policies draw from the participant's own stream,
 * so the votes are part of the seed's run and replay exactly.
 */
export function votePolicy(spec: unknown, rng: Rng, where: string): VotePolicy {
  if (spec === undefined || spec === null) return () => "yes";
  if (isVote(spec)) return () => spec;
  if (typeof spec === "number" && spec >= 0 && spec <= 1) return () => (rng.next() < spec ? "yes" : "no");
  if (Array.isArray(spec) && spec.every(isVote)) {
    let next = 0;
    return () => (next < spec.length ? spec[next++] : "yes");
  }
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
    const entries = Object.entries(spec as Record<string, unknown>);
    const ok = entries.length > 0 && entries.every(([k, w]) => isVote(k) && typeof w === "number" && w >= 0);
    const total = ok ? entries.reduce((s, [, w]) => s + (w as number), 0) : 0;
    if (ok && total > 0) {
      const weights = entries as Array<[Vote, number]>;
      return () => {
        let r = rng.next() * total;
        for (const [v, w] of weights) {
          if (r < w) return v;
          r -= w;
        }
        return weights[weights.length - 1][0];
      };
    }
  }
  throw new Error(
    `${where}: expected a vote ("yes", "no", "read-only"), a probability of yes between 0 and 1, ` +
    `weights such as { yes: 9, no: 1 }, or a script such as [yes, no, yes]; got ${JSON.stringify(spec)}`,
  );
}
