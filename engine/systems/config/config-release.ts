import type { Json } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import { resolveConfigReleaseOptions } from "./config-options";
import { CONFIG_MSG, CONFIG_SERVER_KIND } from "./config-messages";
import type { PublishReply, PublishRequest } from "./config-messages";

/**
 * The admin side of a configuration center, driven by the scenario: at each scripted time it
 * releases new items of a namespace (an operator pressing Release in Apollo's portal). A release
 * the server does not acknowledge is tried again every `retryIntervalUs` under the same release
 * key, so a retry after a lost answer counts once. The releases go out in order: a later one
 * waits until the earlier ones are acknowledged.
 *
 * History: `config-publish` (namespace, releaseKey) when a release is first tried, and
 * `config-published` (namespace, version, releaseKey) when the server acknowledged it.
 */
export const configRelease: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `config-release ${rt.address}`;
  const o = resolveConfigReleaseOptions(config, where);
  const server = o.server ?? rt.directory().find((p) => p.kind === CONFIG_SERVER_KIND)?.address;
  if (server === undefined) throw new Error(`${where}: no config server (add a process of kind "${CONFIG_SERVER_KIND}" or set server)`);
  // After a restart, releases already acknowledged are not made again.
  const done = new Set(rt.disk.read<string[]>("published") ?? []);

  const run = async (): Promise<void> => {
    for (let i = 0; i < o.releases.length; i++) {
      const r = o.releases[i];
      const releaseKey = `${rt.address}#${i}`;
      if (done.has(releaseKey)) continue;
      const wait = r.atUs - rt.now();
      if (wait > 0) await rt.sleep(wait);
      rt.record("config-publish", { namespace: r.namespace, releaseKey });
      for (;;) {
        try {
          const reply = await rt.call<PublishReply>(server, CONFIG_MSG.publish, { namespace: r.namespace, items: r.items, releaseKey } satisfies PublishRequest as unknown as Json, { timeout: o.timeoutUs });
          done.add(releaseKey);
          rt.disk.write("published", [...done]);
          rt.disk.sync();
          rt.record("config-published", { namespace: r.namespace, version: reply.version, releaseKey });
          break;
        } catch {
          rt.metrics.count("config.release.retries");
          await rt.sleep(o.retryIntervalUs);
        }
      }
    }
  };

  return {
    start() {
      void run();
    },
  };
};
