import type { FaultAction } from "../../engine/scenario";
import type { ConvertContext } from "./context";
import { convertLink } from "./network";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** Actions that name one node: `crash: n1`. */
const ON_NODE = ["crash", "restart", "pause", "resume", "isolate"] as const;

/** Every action key a fault or a trigger's `do` may hold. */
export const ACTION_KEYS = [...ON_NODE, "partition", "cut", "bridge", "ring", "heal", "skew", "drift", "link"] as const;

/** An action key. */
export type ActionKey = (typeof ACTION_KEYS)[number];

/** Actions that undo something themselves and so take no `for`. */
export const UNDOING_ACTIONS: ReadonlySet<string> = new Set(["restart", "resume", "heal"]);

/** A node name in an action and where it was written, for the unknown-node check. */
export interface NodeRef {
  name: string;
  node: SourceNode;
  path: PathSegment[];
}

/** The action of a fault or trigger entry, the key that named it, and the nodes it names. */
export interface ConvertedAction {
  action: FaultAction;
  key: ActionKey;
  refs: NodeRef[];
  groups: NodeRef[][];
}

/**
 * Reads the one action of a fault or `do` mapping: `crash: n1`, `partition: [[n1], [n2, n3]]`,
 * `cut: {from, to}`, `bridge: {groups, via}`, `ring: true`, `heal: true`,
 * `skew: {node, offset}`, `drift: {node, ppm}`, `link: {from?, to?, latency, loss...}`.
 */
export function convertAction(entry: SourceNode, path: PathSegment[], ctx: ConvertContext): ConvertedAction | undefined {
  const keys = ACTION_KEYS.filter((k) => valueOf(entry, k) !== undefined);
  if (keys.length !== 1) {
    const message = keys.length === 0
      ? `no action: name one of ${ACTION_KEYS.join(", ")} (for example \`crash: n1\`)`
      : `one entry holds one action, but this one has ${keys.join(" and ")}; split it into ${keys.length} entries`;
    ctx.report("CS206", entry, path, message);
    return undefined;
  }
  const key = keys[0];
  const v = valueOf(entry, key)!;
  const p = [...path, key];
  const refs: NodeRef[] = [];
  const groups: NodeRef[][] = [];
  const ref = (node: SourceNode | undefined, rp: PathSegment[]): string => {
    const name = ctx.string(node) ?? "";
    if (node) refs.push({ name, node, path: rp });
    return name;
  };
  const groupsOf = (node: SourceNode | undefined, gp: PathSegment[]): string[][] => {
    if (node?.type !== "seq") return [];
    return node.items.map((g, gi) => {
      const members = g.type === "seq" ? g.items.map((m, mi) => ({ name: ctx.string(m) ?? "", node: m, path: [...gp, gi, mi] })) : [];
      refs.push(...members);
      groups.push(members);
      return members.map((m) => m.name);
    });
  };
  let action: FaultAction;
  switch (key) {
    case "crash": case "restart": case "pause": case "resume": case "isolate":
      action = { action: key, node: ref(v, p) };
      break;
    case "partition":
      action = { action: "partition", groups: groupsOf(v, p) };
      break;
    case "cut":
      action = { action: "cut", from: ref(valueOf(v, "from"), [...p, "from"]), to: ref(valueOf(v, "to"), [...p, "to"]) };
      break;
    case "bridge": {
      const g = groupsOf(valueOf(v, "groups"), [...p, "groups"]);
      const viaNode = valueOf(v, "via");
      const via = ref(viaNode, [...p, "via"]);
      // The bridge node counts as a group of its own, so it cannot also sit on one side.
      if (viaNode) groups.push([refs[refs.length - 1]]);
      action = { action: "bridge", groups: [g[0] ?? [], g[1] ?? []], bridge: via };
      break;
    }
    case "ring":
    case "heal":
      action = { action: key };
      break;
    case "skew": {
      const offset = ctx.signedDuration(valueOf(v, "offset"), [...p, "offset"]);
      if (offset === undefined) return undefined;
      action = { action: "skew", node: ref(valueOf(v, "node"), [...p, "node"]), offset };
      break;
    }
    case "drift": {
      const ppm = ctx.ppm(valueOf(v, "ppm"), [...p, "ppm"]);
      if (ppm === undefined) return undefined;
      action = { action: "drift", node: ref(valueOf(v, "node"), [...p, "node"]), ppm };
      break;
    }
    case "link": {
      const from = valueOf(v, "from");
      const to = valueOf(v, "to");
      const link = convertLink(v, p, ctx);
      action = { action: "link", link };
      if (from) action.from = ref(from, [...p, "from"]);
      if (to) action.to = ref(to, [...p, "to"]);
      break;
    }
  }
  return { action, key, refs, groups };
}
