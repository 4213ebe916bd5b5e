import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { checkKeys } from "../../options/option-values";
import { KV_MSG } from "./store-messages";
import type { GetRequest, PutRequest, Stored } from "./store-messages";
import { compareVersions } from "./version";

/** The state a replica publishes: how many keys it holds and how many puts it took or ignored. */
export interface KvReplicaState {
  keys: number;
  applied: number;
  ignored: number;
}

/**
 * A storage replica of a Dynamo-style store: a key's value with its version, on disk. A put
 * wins only when its version is newer than the one held (last writer wins), and is synced before
 * it is acknowledged, so an acknowledged write survives a crash; an older put is acknowledged
 * too (the replica holds something at least as new) but changes nothing. Gets answer what is
 * held. The replica knows nothing of quorums: the coordinator (the client) counts answers.
 *
 * Metrics: `kv.replica.put`, `kv.replica.put.ignored`, `kv.replica.get`.
 */
export const kvReplica: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  checkKeys(config, [], `kv-replica ${rt.address}`);
  let applied = 0, ignored = 0;
  const publish = () => rt.publish<KvReplicaState>((s) => {
    s.keys = rt.disk.keys("kv/").length;
    s.applied = applied;
    s.ignored = ignored;
  });
  return {
    start() {
      publish();
    },
    request(req: Message) {
      if (req.type === KV_MSG.get) {
        rt.metrics.count("kv.replica.get");
        const held = rt.disk.read(`kv/${(req.body as GetRequest).key}`) as unknown as Stored | undefined;
        return held ?? ({ value: null, version: null } satisfies Stored);
      }
      if (req.type === KV_MSG.put) {
        const b = req.body as PutRequest;
        const held = rt.disk.read(`kv/${b.key}`) as unknown as Stored | undefined;
        rt.metrics.count("kv.replica.put");
        if (held && compareVersions(held.version, b.version) >= 0) {
          ignored++;
          rt.metrics.count("kv.replica.put.ignored");
          publish();
          return held;
        }
        const next: Stored = { value: b.value, version: b.version };
        rt.disk.write(`kv/${b.key}`, next as unknown as Json);
        rt.disk.sync();
        applied++;
        publish();
        return next;
      }
      throw { status: 400, code: "error", message: `${rt.address}: a replica takes "${KV_MSG.get}" and "${KV_MSG.put}", not "${req.type}"` };
    },
  };
};
