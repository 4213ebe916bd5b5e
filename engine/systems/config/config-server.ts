import type { Message, ProcessFactory, TimerId } from "../../node/runtime-api";
import { resolveConfigServerOptions } from "./config-options";
import { CONFIG_MSG } from "./config-messages";
import type { FetchReply, FetchRequest, NamespaceRelease, Notification, NotificationsRequest, PublishReply, PublishRequest } from "./config-messages";

/** A long poll being held: what it watches and how to answer it. */
interface HeldPoll {
  watched: Notification[];
  answer: (changed: Notification[]) => void;
  timer: TimerId;
}

/** The state a config server publishes. */
export interface ConfigServerState {
  /** Namespace -> released version. */
  versions: Record<string, number>;
  /** Namespace -> the version the release scanner has announced to long polls. */
  announced: Record<string, number>;
  heldPolls: number;
}

/**
 * An Apollo-like config server (config service and admin service in one, over their database,
 * which here is the server's disk). Namespaces hold key/value items under a version that each
 * release increases (a release sets the keys it names and keeps the others, as editing some items
 * in Apollo's portal and pressing Release does); a release is synced to disk before it is
 * acknowledged, so a crash never loses one. Clients fetch a namespace (304 when they have the
 * latest) and long-poll for changes: a poll that knows an older version than the announced one
 * is answered at once, any other is held for `longPollTimeoutUs` (60 s) and then answered with
 * nothing (Apollo's 304). Releases reach held polls the way Apollo's do: the release scanner runs
 * every `releaseScanIntervalUs` (1 s) and announces what was released since its last run, so a
 * change takes up to a second to be pushed.
 *
 * History: `config-release` (namespace, version, items, releaseKey) per release, including the
 * initial ones. Metrics: `config.releases`, `config.fetch`, `config.fetch.304`, `config.polls`,
 * `config.polls.held`, `config.polls.notified`.
 */
export const configServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `config-server ${rt.address}`;
  const o = resolveConfigServerOptions(config, where);
  const releases = new Map<string, NamespaceRelease & { releaseKeys: string[] }>();
  const announced = new Map<string, number>();
  const held = new Set<HeldPoll>();

  const publishState = () => rt.publish<ConfigServerState>((s) => {
    s.versions = Object.fromEntries([...releases].map(([n, r]) => [n, r.version]));
    s.announced = Object.fromEntries(announced);
    s.heldPolls = held.size;
  });

  /** The namespaces a poll watches whose announced version is newer than the poll's. */
  const changedFor = (watched: Notification[]): Notification[] =>
    watched.flatMap((w) => {
      const v = announced.get(w.namespace) ?? 0;
      return v > w.notificationId ? [{ namespace: w.namespace, notificationId: v }] : [];
    });

  const release = (namespace: string, items: NamespaceRelease["items"], releaseKey: string): number => {
    const prev = releases.get(namespace);
    if (prev?.releaseKeys.includes(releaseKey)) return prev.version;
    const next = { namespace, version: (prev?.version ?? 0) + 1, items: { ...prev?.items, ...items }, releaseKeys: [...(prev?.releaseKeys ?? []), releaseKey].slice(-16) };
    releases.set(namespace, next);
    rt.disk.write(`ns/${namespace}`, next);
    rt.disk.sync();
    rt.record("config-release", { namespace, version: next.version, items: next.items, releaseKey });
    rt.metrics.count("config.releases");
    publishState();
    return next.version;
  };

  /** The release scanner: announce what was released, and answer the polls waiting for it. */
  const scan = () => {
    let any = false;
    for (const [n, r] of releases) {
      if ((announced.get(n) ?? 0) < r.version) {
        announced.set(n, r.version);
        any = true;
      }
    }
    if (any) {
      for (const h of [...held]) {
        const changed = changedFor(h.watched);
        if (changed.length > 0) {
          rt.metrics.count("config.polls.notified");
          h.answer(changed);
        }
      }
      publishState();
    }
    rt.setTimer(o.releaseScanIntervalUs, scan, "release-scan");
  };

  return {
    start() {
      for (const key of rt.disk.keys("ns/")) {
        const r = rt.disk.read(key) as unknown as NamespaceRelease & { releaseKeys: string[] };
        releases.set(r.namespace, r);
        announced.set(r.namespace, r.version);
      }
      for (const [n, items] of Object.entries(o.namespaces)) {
        if (!releases.has(n)) {
          release(n, items, "initial");
          announced.set(n, 1);
        }
      }
      publishState();
      rt.setTimer(o.releaseScanIntervalUs, scan, "release-scan");
    },
    request(req: Message) {
      switch (req.type) {
        case CONFIG_MSG.connect:
          return null;
        case CONFIG_MSG.fetch: {
          const b = req.body as FetchRequest;
          rt.metrics.count("config.fetch");
          const r = releases.get(b.namespace);
          if (!r) return { status: 404 } satisfies FetchReply;
          if (r.version <= b.version) {
            rt.metrics.count("config.fetch.304");
            return { status: 304 } satisfies FetchReply;
          }
          return { status: 200, release: { namespace: r.namespace, version: r.version, items: { ...r.items } } } satisfies FetchReply;
        }
        case CONFIG_MSG.notifications: {
          const watched = (req.body as NotificationsRequest).notifications;
          rt.metrics.count("config.polls");
          const changed = changedFor(watched);
          if (changed.length > 0) return changed;
          rt.metrics.count("config.polls.held");
          return new Promise<Notification[]>((resolve) => {
            const h: HeldPoll = {
              watched,
              answer: (c) => {
                rt.clearTimer(h.timer);
                held.delete(h);
                resolve(c);
              },
              timer: rt.setTimer(o.longPollTimeoutUs, () => h.answer([]), "long-poll-hold"),
            };
            held.add(h);
          });
        }
        case CONFIG_MSG.publish: {
          const b = req.body as PublishRequest;
          return { version: release(b.namespace, b.items, b.releaseKey) } satisfies PublishReply;
        }
        default:
          throw { status: 400, code: "error", message: `${where}: unknown request type "${req.type}"` };
      }
    },
  };
};
