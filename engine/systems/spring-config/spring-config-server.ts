import type { Message, ProcessFactory } from "../../node/runtime-api";
import type { ConfigItems } from "../config/config-messages";
import { resolveSpringConfigServerOptions } from "./spring-config-options";
import { SPRING_MSG } from "./spring-config-messages";
import type { EnvironmentReply, EnvironmentRequest } from "./spring-config-messages";

/** One commit of a label: its number and the whole file after it. */
interface Commit {
  n: number;
  items: ConfigItems;
}

/** The state a config server publishes. */
export interface SpringConfigServerState {
  /** Label → the commit number at its head. */
  heads: Record<string, number>;
  listening: boolean;
}

/**
 * A Spring Cloud Config server backed by a versioned repository. The repository (git, in
 * Spring) has labels, each a line of commits; a commit sets the keys it names and keeps the
 * others, as editing application.yml and pushing does. The server holds no configuration of its
 * own: with the default `refresh-rate` 0 it fetches the repository on every request, so a
 * client always gets the head of its label as it is at that moment, and a commit is visible to
 * the next fetch at once. The commits are scripted (`commits`), the repository's history is a
 * function of time, so a restarted server serves the same thing. An unknown label is a 404
 * (NoSuchLabelException). Before `listenAt` the host is up but nothing listens on the port, so
 * connections are refused at once, which is what a client sees while the server boots.
 *
 * Unlike Apollo's config service, it pushes nothing and holds no poll: clients read it at start
 * and again only when told to refresh (by the bus, or a call to /actuator/refresh).
 *
 * History: `config-release` (namespace: the label, version: the commit number, items,
 * releaseKey: the commit id) for each commit, when the server first sees it (at start for the
 * initial ones). Metrics: `spring.config.fetch`, `spring.config.refused`.
 */
export const springConfigServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `spring-config-server ${rt.address}`;
  const o = resolveSpringConfigServerOptions(config, where);

  /** The repository's history: per label, every commit in order, the initial one first. */
  const history = new Map<string, Array<Commit & { atUs: number }>>();
  for (const [label, items] of Object.entries(o.repository)) history.set(label, [{ n: 1, items: { ...items }, atUs: 0 }]);
  for (const c of o.commits) {
    const line = history.get(c.label) ?? [];
    const prev = line.at(-1);
    line.push({ n: (prev?.n ?? 0) + 1, items: { ...prev?.items, ...c.items }, atUs: c.atUs });
    history.set(c.label, line);
  }

  /** The head of a label at local time `now`. */
  const head = (label: string): Commit | undefined => {
    const line = history.get(label);
    if (!line) return undefined;
    let h: Commit | undefined;
    for (const c of line) if (c.atUs <= rt.now()) h = c;
    return h;
  };

  const publish = () => rt.publish<SpringConfigServerState>((s) => {
    s.heads = Object.fromEntries([...history.keys()].map((l) => [l, head(l)?.n ?? 0]));
    s.listening = rt.now() >= o.listenAtUs;
  });

  /** Records each commit once (the disk remembers which, across restarts). */
  const note = (label: string, c: Commit) => {
    const key = `recorded/${label}/${c.n}`;
    if (rt.disk.read(key) !== undefined) return;
    rt.disk.write(key, true);
    rt.disk.sync();
    rt.record("config-release", { namespace: label, version: c.n, items: c.items, releaseKey: `${label}-${c.n}` });
    publish();
  };

  return {
    start() {
      for (const [label, line] of history) {
        for (const c of line) {
          const wait = c.atUs - rt.now();
          if (wait <= 0) note(label, c);
          else rt.setTimer(wait, () => note(label, c), "git-push");
        }
      }
      if (o.listenAtUs > rt.now()) rt.setTimer(o.listenAtUs - rt.now(), publish, "listen");
      publish();
    },
    request(req: Message) {
      if (rt.now() < o.listenAtUs) {
        rt.metrics.count("spring.config.refused");
        throw { status: 0, code: "ECONNREFUSED", message: `${where}: connection refused (not listening yet)` };
      }
      switch (req.type) {
        case SPRING_MSG.connect:
          return null;
        case SPRING_MSG.fetch: {
          const b = req.body as EnvironmentRequest;
          rt.metrics.count("spring.config.fetch");
          const label = b.label === "" ? o.defaultLabel : b.label;
          const h = head(label);
          if (!h) throw { status: 404, code: "NoSuchLabelException", message: `No such label: ${label}` };
          return {
            name: b.application, profiles: [b.profile], label, version: `${label}-${h.n}`, commit: h.n,
            propertySources: [{ name: `repo:${label}/application.yml`, source: { ...h.items } }],
          } satisfies EnvironmentReply;
        }
        default:
          throw { status: 400, code: "error", message: `${where}: unknown request type "${req.type}"` };
      }
    },
  };
};
