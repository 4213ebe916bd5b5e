import type { Lesson } from "../lesson-types";

/** Rate limits and fallback: shedding load early keeps the served part fast. */
export const rateLimit: Lesson = {
  id: "rate-limit",
  stage: "resilience",
  scenario: "service/rate-limit-fallback.yaml",
  seed: 1,
  title: { en: "Overload: rate limit and fallback", zh: "过载：限流与降级" },
  watch: {
    en: "Two identical services, each good for about 200 calls a second, get 300 a second. raw sends everything; limited puts a rate limit of 150 calls a second in front and a static fallback behind it. Compare the two clients' latency charts and error counts.",
    zh: "两个一样的服务，每个每秒约能处理 200 次调用，却收到每秒 300 次。raw 全部发送；limited 在前面放了每秒 150 次的限流，后面放了静态降级。比较两个客户端的延迟图和错误数。",
  },
  questions: [
    {
      id: "errors",
      prompt: { en: "Which client's callers see errors?", zh: "哪个客户端的调用方会看到错误？" },
      choices: [
        { id: "raw", label: { en: "Only raw's", zh: "只有 raw 的" }, when: { all: [{ expect: "count(raw.calls.error) > 0" }, { expect: "count(limited.calls.error) == 0" }] } },
        { id: "both", label: { en: "Both", zh: "两个都会" }, when: { all: [{ expect: "count(raw.calls.error) > 0" }, { expect: "count(limited.calls.error) > 0" }] } },
        { id: "neither", label: { en: "Neither: the server queues what it cannot do", zh: "都不会：服务器把做不完的排队" }, when: { all: [{ expect: "count(raw.calls.error) == 0" }, { expect: "count(limited.calls.error) == 0" }] } },
      ],
      why: {
        en: "raw's queue fills and the rest are refused with 503. limited answers the calls over the rate at once with the fallback, so nobody sees an error; the price is that half the answers are the fallback's.",
        zh: "raw 的队列满了，其余的被 503 拒绝。limited 把超过速率的调用立刻用降级应答，所以没人看到错误；代价是一半的应答来自降级。",
      },
    },
    {
      id: "latency",
      prompt: { en: "Whose successful calls are faster, at the median?", zh: "按中位数算，谁的成功调用更快？" },
      choices: [
        { id: "limited", label: { en: "limited's", zh: "limited 的" }, when: { expect: "p50(limited.latency) < p50(raw.latency)" } },
        { id: "raw", label: { en: "raw's: it does not wait for a limiter", zh: "raw 的：它不用等限流器" }, when: { expect: "p50(raw.latency) <= p50(limited.latency)" } },
      ],
      why: {
        en: "Every call raw lets in waits behind the 50 ahead of it in the queue; the calls limited lets through find a server with spare capacity and no queue. Shedding load early keeps the served part fast.",
        zh: "raw 放进来的每个调用都要排在队列里前面 50 个之后；limited 放过去的调用遇到的是有余力、没有队列的服务器。尽早卸掉负载，才能让被服务的部分保持快速。",
      },
    },
  ],
  exercises: [],
};
