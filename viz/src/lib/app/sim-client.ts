import { t } from "../i18n/i18n.svelte";
import type { WorkerRequest, WorkerResponse } from "../../worker/protocol";
import type { TraceBundle } from "../trace/trace-bundle";

/** Distributes requests without an id; the client numbers them. */
type Request = WorkerRequest extends infer R ? R extends { id: number } ? Omit<R, "id"> : never : never;

/**
 * The page's handle on one simulation worker. A new request while one is under way ends the
 * old worker (a run cannot be interrupted from outside mid-step) and starts a fresh one, so
 * the latest request always wins and the page never waits for a stale run.
 */
export class SimClient {
  private worker: Worker | null = null;
  private busy = false;
  private nextId = 1;
  private pending: { id: number; resolve: (r: WorkerResponse) => void } | null = null;

  constructor(
    private readonly onStatus: (text: string) => void = () => {},
    /** Called with a trace hash the worker computed after it sent the bundle. */
    private readonly onHash: (hash: string) => void = () => {},
    /** Called with the state snapshots the worker made after it sent the bundle. */
    private readonly onSnapshots: (interval: number, lanes: Array<Array<[number, unknown]>>) => void = () => {},
    /** Called with the preview of a large trace file, before its whole bundle. */
    private readonly onPreview: (bundle: TraceBundle, share: number) => void = () => {},
  ) {}

  private spawn(): Worker {
    const w = new Worker(new URL("../../worker/sim-worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const msg = e.data;
      // After `done`: the hash (for a trace file) and then the snapshots, the last message.
      if (msg.type === "hash" || msg.type === "snapshots") {
        if (msg.id !== this.nextId - 1) return;
        if (msg.type === "hash") {
          this.onHash(msg.hash);
        } else {
          this.busy = false;
          this.onSnapshots(msg.interval, msg.lanes);
        }
        return;
      }
      if (!this.pending || msg.id !== this.pending.id) return;
      if (msg.type === "preview") {
        this.onPreview(msg.bundle, msg.share);
        return;
      }
      if (msg.type === "status") {
        this.onStatus(t(msg.key));
        return;
      }
      const p = this.pending;
      this.pending = null;
      // After a bundle the worker goes on (hash, snapshots): it stays busy until the snapshots.
      this.busy = msg.type === "done";
      p.resolve(msg);
    };
    w.onerror = (e) => {
      const p = this.pending;
      this.pending = null;
      this.busy = false;
      p?.resolve({ type: "error", id: p.id, message: `the simulation worker failed: ${e.message || "unknown error"}` });
    };
    return w;
  }

  /** Starts the worker ahead of the first request, so its start-up overlaps the page's. */
  warm(): void {
    if (!this.worker) this.worker = this.spawn();
  }

  /** Sends a request; resolves with the worker's final answer (never rejects). */
  request(req: Request, transfer: Transferable[] = []): Promise<WorkerResponse> {
    if (this.busy && this.worker) {
      this.worker.terminate();
      this.worker = null;
      const p = this.pending;
      this.pending = null;
      p?.resolve({ type: "error", id: p.id, message: "superseded" });
    }
    if (!this.worker) this.worker = this.spawn();
    const id = this.nextId++;
    this.busy = true;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      this.worker!.postMessage({ ...req, id } as WorkerRequest, transfer);
    });
  }

  /** Ends the worker. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
