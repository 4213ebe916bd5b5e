import { describe, expect, it } from "vitest";
import { clusterLayout, nodeAt, sidesOfCut } from "./cluster-layout";
import type { NodeInfo, Role } from "./cluster-roles";

const node = (name: string, role: Role, ring: string | null = null): NodeInfo => ({ name, role, kinds: [role], ring });

describe("cluster layout", () => {
  it("puts roles in columns left to right in a call's order, whatever the order of the nodes", () => {
    const nodes = [node("s1", "store"), node("b1", "instance"), node("c1", "client"), node("g1", "gateway"), node("r1", "registry"), node("q1", "broker")];
    const l = clusterLayout(nodes, 1200, 500);
    const x = (name: string) => l.x[nodes.findIndex((n) => n.name === name)];
    expect(x("c1")).toBeLessThan(x("g1"));
    expect(x("g1")).toBeLessThan(x("r1"));
    expect(x("r1")).toBeLessThan(x("b1"));
    expect(x("b1")).toBeLessThan(x("q1"));
    expect(x("q1")).toBeLessThan(x("s1"));
    expect(l.columns.map((c) => c.role)).toEqual(["client", "gateway", "registry", "instance", "broker", "store"]);
  });

  it("draws a ring group on a circle, equally spaced", () => {
    const nodes = [node("c1", "client"), ...["e1", "e2", "e3", "e4", "e5"].map((n) => node(n, "store", "consensus:etcd"))];
    const l = clusterLayout(nodes, 900, 500);
    const ring = l.columns.find((c) => c.ring)!;
    const d = [1, 2, 3, 4, 5].map((i) => Math.hypot(l.x[i] - ring.cx!, l.y[i] - ring.cy!));
    for (const r of d) expect(r).toBeCloseTo(ring.r!, 6);
    const chord = (i: number, j: number) => Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]);
    expect(chord(1, 2)).toBeCloseTo(chord(3, 4), 6);
  });

  it("keeps 1,000 nodes inside the view without overlap, and finds each one by its position", () => {
    const nodes = [...Array.from({ length: 900 }, (_, i) => node(`b${i}`, "instance")), ...Array.from({ length: 100 }, (_, i) => node(`c${i}`, "client"))];
    const l = clusterLayout(nodes, 1300, 600);
    expect(l.radius).toBeGreaterThan(2);
    for (let i = 0; i < nodes.length; i++) {
      expect(l.x[i] - l.radius).toBeGreaterThanOrEqual(0);
      expect(l.x[i] + l.radius).toBeLessThanOrEqual(1300);
      expect(l.y[i] + l.radius).toBeLessThanOrEqual(600);
      expect(nodeAt(l, l.x[i] + 0.5, l.y[i] - 0.5)).toBe(i);
    }
    // Neighbours of a grid are at least a diameter apart.
    let closest = Infinity;
    for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) closest = Math.min(closest, Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]));
    expect(closest).toBeGreaterThanOrEqual(2 * l.radius);
    expect(nodeAt(l, 1, 599)).toBe(-1);
  });

  it("splits the nodes on the two sides of a dragged line", () => {
    const nodes = [node("c1", "client"), node("b1", "instance"), node("b2", "instance"), node("s1", "store")];
    const l = clusterLayout(nodes, 800, 400);
    // A vertical line between the client column and the instances.
    const mid = (l.x[0] + l.x[1]) / 2;
    const [left, right] = sidesOfCut(l, mid, 0, mid, 400);
    const names = (side: number[]) => side.map((i) => nodes[i].name).sort();
    expect([names(left), names(right)]).toEqual([["b1", "b2", "s1"], ["c1"]]);
    // Dragged the other way, the sides swap; every node is on exactly one side.
    const [l2, r2] = sidesOfCut(l, mid, 400, mid, 0);
    expect([names(l2), names(r2)]).toEqual([["c1"], ["b1", "b2", "s1"]]);
  });
});
