import type { Lesson } from "../lesson-types";

/** Breaking: the circuit breaker's whole life, CLOSED, OPEN, HALF_OPEN, and back. */
export const breaker: Lesson = {
  id: "breaker",
  stage: "resilience",
  scenario: "service/breaker-lifecycle.yaml",
  seed: 1,
  title: { en: "The circuit breaker's life cycle", zh: "熔断器的生命周期" },
  watch: {
    en: "The only instance of api fails every request from 10 s to 20 s. The client's circuit breaker judges the last 20 calls once it has 10 and opens at a 50 % failure rate; it waits 5 s, then lets three probes through. Watch the breaker-transition records in the client's state.",
    zh: "api 唯一的实例从 10 秒到 20 秒对每个请求都失败。客户端的熔断器在有 10 次调用后评估最近 20 次，失败率达到 50% 时打开；等待 5 秒后放三个探测调用通过。看客户端状态里的 breaker-transition 记录。",
  },
  questions: [
    {
      id: "opens",
      prompt: { en: "Does the circuit breaker open while the instance is failing?", zh: "实例失败期间熔断器会打开吗？" },
      choices: [
        { id: "yes", label: { en: "Yes", zh: "会" }, when: { expect: "count(breaker.open) > 0" } },
        { id: "no", label: { en: "No, the fallback answers and the breaker stays closed", zh: "不会，降级在应答，熔断器一直闭合" }, when: { expect: "count(breaker.open) == 0" } },
      ],
      why: {
        en: "Ten failed calls in a row reach the 50 % failure rate: the breaker opens half a second after the failures start, and for 5 s every call gets the fallback without being sent.",
        zh: "连续十次失败调用达到了 50% 的失败率：熔断器在失败开始半秒后打开，之后 5 秒内每个调用都不发送，直接得到降级结果。",
      },
    },
    {
      id: "times",
      prompt: { en: "How many times does it open?", zh: "它打开几次？" },
      choices: [
        { id: "once", label: { en: "Once", zh: "一次" }, when: { expect: "count(breaker.open) == 1" } },
        { id: "twice", label: { en: "Twice", zh: "两次" }, when: { expect: "count(breaker.open) == 2" } },
        { id: "more", label: { en: "Three times or more", zh: "三次或更多" }, when: { expect: "count(breaker.open) >= 3" } },
      ],
      why: {
        en: "At 15.5 s the half-open probes find the instance still broken and the breaker opens again; after the rollback at 20 s the next probes succeed and it closes. The instance recovered at 20 s, but callers got the fallback until the wait was over.",
        zh: "15.5 秒时半开状态的探测发现实例仍然坏着，熔断器再次打开；20 秒回滚之后，下一批探测成功，熔断器闭合。实例 20 秒就恢复了，但调用方要等到等待期结束才不再拿降级结果。",
      },
    },
  ],
  exercises: [
    {
      id: "open-once",
      task: {
        en: "The circuit breaker opens twice because its probes come back while the instance is still broken. Change one option of the circuit breaker so that it opens only once (and no caller sees an error).",
        zh: "熔断器打开了两次，因为它的探测在实例还坏着的时候就来了。改动熔断器的一个选项，让它只打开一次（并且没有调用方看到错误）。",
      },
      hint: { en: "The bad deploy lasts 10 s; how long does the breaker wait before it probes?", zh: "坏的部署持续 10 秒；熔断器等多久才探测？" },
      allow: ["workload.config.proxy.breaker.*"],
      maxChanges: 1,
      goal: { all: [{ expect: "count(breaker.open) == 1" }, { expect: "count(calls.error) == 0" }, { check: "every-call-ends", is: "held" }] },
      solution: [{ find: "waitDurationInOpenStateUs: 5s", replace: "waitDurationInOpenStateUs: 10s" }],
      wrong: [{ find: "waitDurationInOpenStateUs: 5s", replace: "waitDurationInOpenStateUs: 1s" }],
    },
  ],
};
