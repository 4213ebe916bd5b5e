import type { Lesson } from "../lesson-types";

/** Failover: a crashed instance stays in every cache until its lease expires; retries hide it. */
export const failover: Lesson = {
  id: "failover",
  stage: "resilience",
  scenario: "service/instance-crash-failover.yaml",
  seed: 1,
  title: { en: "An instance crashes: failover", zh: "实例崩溃：故障转移" },
  watch: {
    en: "b2 crashes at 45 s and never says goodbye. The service registry learns of it only when its lease runs out, the client only when its cache refreshes. Each call has a 200 ms timeout and one retry on another instance. Watch the arrows to b2 after its crash.",
    zh: "b2 在 45 秒崩溃，没有告别。服务注册表要等它的租约过期才知道，客户端要等缓存刷新才知道。每次调用有 200 毫秒超时，并在另一个实例上重试一次。看 b2 崩溃之后发往它的箭头。",
  },
  questions: [
    {
      id: "after-crash",
      prompt: { en: "After b2 crashes, what happens to the calls the client sends to b2?", zh: "b2 崩溃之后，客户端发给 b2 的调用会怎样？" },
      choices: [
        { id: "fail", label: { en: "They fail: the caller gets an error", zh: "失败：调用方收到错误" }, when: { expect: "count(calls.error) > 0" } },
        { id: "retry", label: { en: "They time out and are retried on b1 or b3: no call fails", zh: "超时后在 b1 或 b3 上重试：没有调用失败" }, when: { all: [{ expect: "count(calls.error) == 0" }, { messages: { type: "request", to: "b2", after: { crash: "b2" } }, op: ">", value: 0 }, { expect: "count(calls.retries) > 0" }] } },
        { id: "none", label: { en: "None are sent: the client stops using b2 at once", zh: "一个都不会发：客户端立刻停用 b2" }, when: { messages: { type: "request", to: "b2", after: { crash: "b2" } }, op: "==", value: 0 } },
      ],
      why: {
        en: "Nothing tells the client that b2 is gone, so a third of its first attempts still go there; each waits out the 200 ms timeout and the retry lands on a live instance. The retries counter climbs and the tail latency shows every stale send.",
        zh: "没有任何东西告诉客户端 b2 已经没了，所以它三分之一的首次尝试仍发往 b2；每次都要等满 200 毫秒超时，重试落到活着的实例上。重试计数不断上升，尾延迟暴露出每一次过期的发送。",
      },
    },
    {
      id: "how-long",
      prompt: { en: "For how long after the crash does the client keep sending calls to b2?", zh: "崩溃之后，客户端还会向 b2 发送调用多久？" },
      choices: [
        { id: "second", label: { en: "Less than a second", zh: "不到一秒" }, when: { messages: { type: "request", to: "b2", after: { crash: "b2" } }, of: "last", op: "<", value: "46s" } },
        { id: "minute", label: { en: "About a minute", zh: "大约一分钟" }, when: { all: [{ messages: { type: "request", to: "b2", after: { crash: "b2" } }, of: "last", op: ">=", value: "46s" }, { messages: { type: "request", to: "b2", after: { crash: "b2" } }, of: "last", op: "<", value: "165s" }] } },
        { id: "minutes", label: { en: "More than two minutes", zh: "两分钟以上" }, when: { messages: { type: "request", to: "b2", after: { crash: "b2" } }, of: "last", op: ">=", value: "165s" } },
      ],
      why: {
        en: "Eureka's lease expires 180 s after the last renewal, eviction runs once a minute, and the response cache and the client's fetch add up to 30 s each: the chain lasts more than three minutes.",
        zh: "Eureka 的租约在最后一次续约后 180 秒才过期，剔除任务每分钟运行一次，响应缓存和客户端拉取又各加最多 30 秒：整条链超过三分钟。",
      },
    },
  ],
  exercises: [
    {
      id: "deadline",
      task: {
        en: "Here the timeout is 2500ms, longer than the 2 s deadline: a call sent to the dead b2 waits until its deadline and fails, with no time left to retry. Change one option of the client's service proxy so that no call misses its deadline: no call fails.",
        zh: "这里超时是 2500ms，比 2 秒的截止时间还长：发给已死的 b2 的调用一直等到截止时间然后失败，没有时间重试。改动客户端服务代理的一个选项，让没有调用错过截止时间：没有调用失败。",
      },
      hint: { en: "An attempt and its retry must both fit in the 2 s deadline.", zh: "一次尝试加上它的重试必须都装进 2 秒的截止时间。" },
      start: [{ find: "timeoutUs: 200ms", replace: "timeoutUs: 2500ms" }],
      allow: ["workload.config.proxy.**"],
      maxChanges: 1,
      goal: { all: [{ expect: "count(calls.error) == 0" }, { check: "calls-meet-deadlines", is: "held" }, { check: "every-call-ends", is: "held" }] },
      solution: [{ find: "timeoutUs: 2500ms", replace: "timeoutUs: 300ms" }],
      wrong: [{ find: "timeoutUs: 2500ms", replace: "timeoutUs: 2200ms" }],
    },
  ],
};
