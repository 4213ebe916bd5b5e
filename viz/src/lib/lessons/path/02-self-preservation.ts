import type { Lesson } from "../lesson-types";

/** Discovery under a partition: Eureka's self-preservation keeps every lease, the dead one too. */
export const selfPreservation: Lesson = {
  id: "self-preservation",
  stage: "discovery",
  scenario: "service/registry-partition-self-preservation.yaml",
  seed: 1,
  title: { en: "When the registry cannot hear its instances", zh: "服务注册表听不到实例的时候" },
  watch: {
    en: "From 60 s to 180 s a partition cuts the registry r1 off from its six instances; the client can still reach both sides. At 90 s b3 really crashes. Watch the registry's lane and the calls to b3.",
    zh: "从 60 秒到 180 秒，一个网络分区把服务注册表 r1 和六个实例隔开；客户端仍能连到两边。90 秒时 b3 真的崩溃了。看服务注册表的泳道和发往 b3 的调用。",
  },
  questions: [
    {
      id: "evictions",
      prompt: { en: "The renewals stop arriving during the partition. Does the registry evict instances?", zh: "分区期间续约不再到达。服务注册表会剔除实例吗？" },
      choices: [
        { id: "all", label: { en: "Yes, their leases expire and they are removed", zh: "会，租约到期后被移除" }, when: { expect: "count(registry.evictions) > 0" } },
        { id: "none", label: { en: "No, it keeps every instance", zh: "不会，它保留所有实例" }, when: { expect: "count(registry.evictions) == 0" } },
      ],
      why: {
        en: "Renewals fall below the threshold, so self-preservation stops all expiry: the registry assumes the network is at fault, not six instances at once.",
        zh: "续约数低于阈值，自我保护停止了所有过期：服务注册表认为是网络出了故障，而不是六个实例同时出了问题。",
      },
    },
    {
      id: "dead-b3",
      prompt: { en: "b3 crashes at 90 s. What happens to the calls the client still sends to it?", zh: "b3 在 90 秒崩溃。客户端仍发给它的调用会怎样？" },
      choices: [
        { id: "timeout", label: { en: "They time out: the registry still lists b3", zh: "它们超时：服务注册表仍列着 b3" }, when: { all: [{ expect: "count(calls.failure.timeout) > 0" }, { messages: { type: "request", to: "b3", after: { crash: "b3" } }, op: ">", value: 0 }] } },
        { id: "none-sent", label: { en: "None are sent: the client drops b3 at once", zh: "一个都不会发：客户端立刻去掉 b3" }, when: { messages: { type: "request", to: "b3", after: { crash: "b3" } }, op: "==", value: 0 } },
      ],
      why: {
        en: "Self-preservation is the price here: the registry keeps the dead b3 too, so a sixth of the calls go to it and time out, during the partition and after it.",
        zh: "这就是自我保护的代价：服务注册表把已死的 b3 也保留了下来，于是六分之一的调用发给它并超时，分区期间如此，分区之后也如此。",
      },
    },
  ],
  exercises: [],
};
