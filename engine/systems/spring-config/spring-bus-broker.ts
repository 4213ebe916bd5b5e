import type { Message, ProcessFactory } from "../../node/runtime-api";
import { resolveSpringBusBrokerOptions } from "./spring-config-options";
import { SPRING_MSG } from "./spring-config-messages";
import type { HeartbeatReply, RefreshEvent } from "./spring-config-messages";

/** One consumer's anonymous queue. */
interface Queue {
  events: RefreshEvent[];
  lastHeardUs: number;
  delivering: boolean;
}

/** The state the broker publishes. */
export interface SpringBusBrokerState {
  /** Consumer address → events waiting in its queue. */
  queues: Record<string, number>;
}

/**
 * The message broker under Spring Cloud Bus (RabbitMQ's topic exchange `springCloudBus`). Each
 * application instance, when it starts, declares an anonymous queue bound to the exchange:
 * anonymous consumers in Spring Cloud Stream are non-durable and auto-delete, so the queue
 * lives exactly as long as the instance's connection. A published event is copied into every
 * queue and delivered; an unacknowledged delivery is delivered again while the connection lives.
 * A connection that has been silent for the heartbeat timeout (60 s) is closed, and its queue is
 * deleted with every event in it: when the instance reconnects it declares a new, empty queue,
 * and the events sent while it was away are gone. Nothing on the bus replays them.
 *
 * History: `bus-queue-declared` (consumer), `bus-queue-deleted` (consumer, lost: events that
 * were still in it), `bus-published` (event, queues). Metrics: `spring.bus.published`,
 * `spring.bus.delivered`, `spring.bus.queue-deleted`, `spring.bus.lost`.
 */
export const springBusBroker: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `spring-bus-broker ${rt.address}`;
  const o = resolveSpringBusBrokerOptions(config, where);
  const queues = new Map<string, Queue>();

  const publishState = () => rt.publish<SpringBusBrokerState>((s) => {
    s.queues = Object.fromEntries([...queues].map(([a, q]) => [a, q.events.length]));
  });

  const deliver = async (consumer: string, q: Queue): Promise<void> => {
    if (q.delivering) return;
    q.delivering = true;
    while (q.events.length > 0 && queues.get(consumer) === q) {
      try {
        await rt.call(consumer, SPRING_MSG.deliver, q.events[0], { timeout: o.redeliverUs });
        q.events.shift();
        q.lastHeardUs = rt.now();
        rt.metrics.count("spring.bus.delivered");
        publishState();
      } catch {
        await rt.sleep(o.redeliverUs);
      }
    }
    q.delivering = false;
  };

  /** Closes silent connections: their auto-delete queues go, with what they held. */
  const reap = () => {
    for (const [consumer, q] of [...queues]) {
      if (rt.now() - q.lastHeardUs < o.heartbeatUs) continue;
      queues.delete(consumer);
      rt.record("bus-queue-deleted", { consumer, lost: q.events.map((e) => e.id) });
      rt.metrics.count("spring.bus.queue-deleted");
      rt.metrics.count("spring.bus.lost", q.events.length);
      publishState();
    }
    rt.setTimer(o.heartbeatUs / 4, reap, "heartbeat-check");
  };

  return {
    start() {
      publishState();
      rt.setTimer(o.heartbeatUs / 4, reap, "heartbeat-check");
    },
    request(req: Message) {
      switch (req.type) {
        case SPRING_MSG.subscribe: {
          const q = queues.get(req.from);
          if (q) q.lastHeardUs = rt.now();
          else {
            queues.set(req.from, { events: [], lastHeardUs: rt.now(), delivering: false });
            rt.record("bus-queue-declared", { consumer: req.from });
            publishState();
          }
          return { known: true } satisfies HeartbeatReply;
        }
        case SPRING_MSG.heartbeat: {
          const q = queues.get(req.from);
          if (q) q.lastHeardUs = rt.now();
          return { known: q !== undefined } satisfies HeartbeatReply;
        }
        case SPRING_MSG.publish: {
          const e = req.body as RefreshEvent;
          rt.metrics.count("spring.bus.published");
          rt.record("bus-published", { event: e.id, queues: [...queues.keys()] });
          for (const [consumer, q] of queues) {
            q.events.push(e);
            void deliver(consumer, q);
          }
          publishState();
          return { queues: queues.size };
        }
        default:
          throw { status: 400, code: "error", message: `${where}: unknown request type "${req.type}"` };
      }
    },
  };
};
