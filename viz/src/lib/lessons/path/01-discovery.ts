import type { Lesson } from "../lesson-types";

/** Discovery: a name, a cache, a choice; the registry is off the call path once the cache is warm. */
export const discovery: Lesson = {
  id: "discovery",
  stage: "discovery",
  scenario: "service/service-happy-path.yaml",
  seed: 1,
  title: { en: "Finding a service by name", zh: "按名字找到服务" },
  watch: {
    en: "Three instances of api register with the service registry. The client asks for api by name once, keeps the answer in a cache, and picks an instance with round robin for every call. Watch the client's lane: how often does it talk to r1, and how often to b1, b2 and b3?",
    zh: "api 的三个实例向服务注册表注册。客户端按名字查询一次 api，把结果放进缓存，每次调用用轮询挑一个实例。看客户端的泳道：它多久和 r1 说一次话，又多久和 b1、b2、b3 说一次话？",
  },
  questions: [
    {
      id: "registry-on-path",
      prompt: { en: "About 3,000 calls are made. How many times does the client query the service registry?", zh: "一共约 3,000 次调用。客户端查询服务注册表多少次？" },
      choices: [
        { id: "every-call", label: { en: "Once per call, about 3,000 times", zh: "每次调用一次，约 3,000 次" }, when: { messages: { type: "registry.query", from: "c1" }, op: ">=", value: 1000 } },
        { id: "cache", label: { en: "Only when the cache is refreshed: a handful of times", zh: "只在缓存刷新时：寥寥几次" }, when: { messages: { type: "registry.query", from: "c1" }, op: "<", value: 100 } },
      ],
      why: {
        en: "The proxy fetches the list once, then refreshes it every 30 s: the registry is not on the call path. Calls keep working from the cache even if the registry is slow or gone.",
        zh: "服务代理只取一次列表，之后每 30 秒刷新：服务注册表不在调用路径上。即使服务注册表变慢或宕掉，调用仍然靠缓存继续工作。",
      },
    },
    {
      id: "share",
      prompt: { en: "How does round robin share the calls among b1, b2 and b3?", zh: "轮询如何在 b1、b2、b3 之间分配调用？" },
      choices: [
        { id: "equal", label: { en: "Exactly a third each", zh: "每个正好三分之一" }, when: { all: [{ expect: "count(calls.instance.b1.api) == count(calls.instance.b2.api)" }, { expect: "count(calls.instance.b2.api) == count(calls.instance.b3.api)" }] } },
        { id: "first", label: { en: "b1, the first to register, gets the most", zh: "最先注册的 b1 拿到最多" }, when: { all: [{ expect: "count(calls.instance.b1.api) > count(calls.instance.b2.api)" }, { expect: "count(calls.instance.b1.api) > count(calls.instance.b3.api)" }] } },
        { id: "uneven", label: { en: "Roughly a third each, but not exactly", zh: "大约各三分之一，但不完全相等" }, when: { not: { all: [{ expect: "count(calls.instance.b1.api) == count(calls.instance.b2.api)" }, { expect: "count(calls.instance.b2.api) == count(calls.instance.b3.api)" }] } } },
      ],
      why: {
        en: "Round robin takes the instances in turn, so with nothing going wrong each gets exactly a third: the counters calls.instance.b1.api, b2 and b3 are equal.",
        zh: "轮询依次使用各实例，没有故障时每个正好三分之一：计数器 calls.instance.b1.api、b2、b3 相等。",
      },
    },
  ],
  exercises: [],
};
