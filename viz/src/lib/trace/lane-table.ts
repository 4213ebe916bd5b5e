import type { Lane } from "./trace-bundle";

/**
 * Assigns lanes while a trace streams past, then orders them: nodes in the scenario's order
 * (or in the order they first appear), each node's processes in the order they first appear,
 * and one lane for a node that runs no process. During the pass every event gets a provisional
 * id; `finish` says which final lane each provisional id became.
 */
export class LaneTable {
  private nodeIndex = new Map<string, number>();
  /** Node names by index. */
  readonly nodes: string[] = [];
  private procs = new Map<string, { node: number; proc: string }>();
  /** node name → process name → provisional id: the hot path, with no string built per event. */
  private procPids = new Map<string, Map<string, number>>();
  private pidByKey = new Map<string, number>();
  private keys: string[] = [];

  constructor(nodeOrder: readonly string[] = []) {
    for (const n of nodeOrder) this.node(n);
  }

  /** The index of a node, registering it on first sight. */
  node(name: string): number {
    let i = this.nodeIndex.get(name);
    if (i === undefined) {
      i = this.nodes.length;
      this.nodes.push(name);
      this.nodeIndex.set(name, i);
    }
    return i;
  }

  /** The provisional id of a process that an event happened in (this makes it a lane). */
  proc(node: string, proc: string): number {
    let byProc = this.procPids.get(node);
    const known = byProc?.get(proc);
    if (known !== undefined) return known;
    const address = `${node}/${proc}`;
    if (!this.procs.has(address)) this.procs.set(address, { node: this.node(node), proc });
    const pid = this.key(address);
    if (!byProc) this.procPids.set(node, (byProc = new Map()));
    byProc.set(proc, pid);
    return pid;
  }

  /**
   * The provisional id of an address an event only names (a message's destination): it becomes
   * that process's lane if the process shows up, else its node's first lane.
   */
  address(address: string): number {
    const known = this.pidByKey.get(address);
    if (known !== undefined) return known;
    const slash = address.indexOf("/");
    this.node(slash < 0 ? address : address.slice(0, slash));
    return this.key(address);
  }

  private key(k: string): number {
    let pid = this.pidByKey.get(k);
    if (pid === undefined) {
      pid = this.keys.length;
      this.keys.push(k);
      this.pidByKey.set(k, pid);
    }
    return pid;
  }

  /** The final lanes and, for each provisional id, its lane. */
  finish(): { lanes: Lane[]; laneOf: Int32Array } {
    const byNode: Array<Array<{ node: number; proc: string }>> = this.nodes.map(() => []);
    for (const p of this.procs.values()) byNode[p.node].push(p);
    const lanes: Lane[] = [];
    const firstLane = new Int32Array(this.nodes.length);
    const laneByAddress = new Map<string, number>();
    this.nodes.forEach((node, ni) => {
      firstLane[ni] = lanes.length;
      if (byNode[ni].length === 0) {
        laneByAddress.set(node, lanes.length);
        lanes.push({ node, proc: null, address: node, nodeIndex: ni });
      }
      for (const p of byNode[ni]) {
        const address = `${node}/${p.proc}`;
        laneByAddress.set(address, lanes.length);
        lanes.push({ node, proc: p.proc, address, nodeIndex: ni });
      }
    });
    const laneOf = new Int32Array(this.keys.length);
    this.keys.forEach((k, pid) => {
      const exact = laneByAddress.get(k);
      if (exact !== undefined) {
        laneOf[pid] = exact;
      } else {
        const slash = k.indexOf("/");
        laneOf[pid] = firstLane[this.nodeIndex.get(slash < 0 ? k : k.slice(0, slash))!];
      }
    });
    return { lanes, laneOf };
  }
}
