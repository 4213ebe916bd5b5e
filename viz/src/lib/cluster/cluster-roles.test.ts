import { describe, expect, it } from "vitest";
import { nodeRoles, roleOfKind } from "./cluster-roles";
import type { Lane } from "../trace/trace-bundle";

const lanes = (list: Array<[string, string | null]>, nodes: string[]): Lane[] =>
  list.map(([node, proc]) => ({ node, proc, address: proc ? `${node}/${proc}` : node, nodeIndex: nodes.indexOf(node) }));

describe("cluster roles", () => {
  it("reads the role from catalog kinds: clients before brokers and stores, control plane, instances by default", () => {
    expect(roleOfKind("kafka-consumer")).toBe("client");
    expect(roleOfKind("redis-client")).toBe("client");
    expect(roleOfKind("gateway")).toBe("gateway");
    expect(roleOfKind("registry")).toBe("registry");
    expect(roleOfKind("redis-sentinel")).toBe("registry");
    expect(roleOfKind("kafka-controller")).toBe("registry");
    expect(roleOfKind("kafka-broker")).toBe("broker");
    expect(roleOfKind("queue-broker")).toBe("broker");
    expect(roleOfKind("etcd-server")).toBe("store");
    expect(roleOfKind("mongod")).toBe("store");
    expect(roleOfKind("kv-replica")).toBe("store");
    expect(roleOfKind("backend")).toBe("instance");
    expect(roleOfKind("echo-server")).toBe("instance");
  });

  it("uses the scenario's kinds, falls back to process names for a trace file, and rings consensus groups and hash rings", () => {
    const nodes = ["c1", "r1", "b1", "e1", "e2", "x"];
    const b = { nodes, lanes: lanes([["c1", "client"], ["r1", "registry"], ["b1", "api"], ["e1", "etcd"], ["e2", "etcd"], ["x", null]], nodes) };
    const fromTrace = nodeRoles(b, null);
    expect(fromTrace.map((n) => n.role)).toEqual(["client", "registry", "instance", "store", "store", "instance"]);
    expect(fromTrace.every((n) => n.ring === null)).toBe(true);
    const scenario = {
      processes: [
        { node: "c1", name: "client", kind: "backend-client", config: { proxy: { strategy: "ketama" } } },
        { node: "r1", name: "registry", kind: "registry" },
        { node: "b1", name: "api", kind: "backend" },
        { node: "e1", name: "etcd", kind: "etcd-server" },
        { node: "e2", name: "etcd", kind: "etcd-server" },
      ],
    };
    const fromRun = nodeRoles(b, scenario);
    expect(fromRun.map((n) => n.role)).toEqual(["client", "registry", "instance", "store", "store", "instance"]);
    expect(fromRun.map((n) => n.ring)).toEqual([null, null, "hash-ring", "consensus:etcd-server", "consensus:etcd-server", "hash-ring"]);
  });

  it("a machine with a client and a server process is drawn as the server", () => {
    const nodes = ["n1"];
    const b = { nodes, lanes: lanes([["n1", "client"], ["n1", "broker"]], nodes) };
    expect(nodeRoles(b, { processes: [{ node: "n1", name: "client", kind: "queue-publisher" }, { node: "n1", name: "broker", kind: "queue-broker" }] })[0].role).toBe("broker");
  });
});
