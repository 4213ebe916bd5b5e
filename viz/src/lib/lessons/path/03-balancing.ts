import type { Lesson } from "../lesson-types";

/** Proxy and balancing: round robin is blind, least connections and P2C see their own load. */
export const balancing: Lesson = {
  id: "balancing",
  stage: "balancing",
  scenario: "service/balancing-unequal-servers.yaml",
  seed: 1,
  title: { en: "Load balancing over unequal servers", zh: "在不对等的服务器上做负载均衡" },
  watch: {
    en: "b1 answers in about 5 ms, b2 in 20 ms, b3 in 80 ms. Three clients send the same load through three strategies: rr (round robin), lc (least connections) and p2c (power of two choices). Watch how many calls each proxy sends to the slow b3.",
    zh: "b1 约 5 毫秒应答，b2 约 20 毫秒，b3 约 80 毫秒。三个客户端用三种策略发送同样的负载：rr（轮询）、lc（最少连接）、p2c（两次随机选择）。看每个服务代理给慢的 b3 发了多少调用。",
  },
  questions: [
    {
      id: "fewest-b3",
      prompt: { en: "Which proxy sends the fewest calls to the slow b3?", zh: "哪个服务代理发给慢的 b3 的调用最少？" },
      choices: [
        { id: "rr", label: { en: "rr, round robin", zh: "rr，轮询" }, when: { all: [{ expect: "count(rr.calls.instance.b3.api) < count(lc.calls.instance.b3.api)" }, { expect: "count(rr.calls.instance.b3.api) < count(p2c.calls.instance.b3.api)" }] } },
        { id: "lc", label: { en: "lc, least connections", zh: "lc，最少连接" }, when: { all: [{ expect: "count(lc.calls.instance.b3.api) < count(rr.calls.instance.b3.api)" }, { expect: "count(lc.calls.instance.b3.api) < count(p2c.calls.instance.b3.api)" }] } },
        { id: "p2c", label: { en: "p2c, power of two choices", zh: "p2c，两次随机选择" }, when: { all: [{ expect: "count(p2c.calls.instance.b3.api) < count(rr.calls.instance.b3.api)" }, { expect: "count(p2c.calls.instance.b3.api) < count(lc.calls.instance.b3.api)" }] } },
      ],
      why: {
        en: "A slow server keeps its calls longer, so it looks busy to least connections and gets fewer new ones. P2C compares only two random draws, so b3 still wins when it is drawn twice. Round robin does not look at all.",
        zh: "慢的服务器占着调用更久，在最少连接看来它很忙，于是拿到更少的新调用。P2C 只比较两次随机抽样，b3 被抽中两次时仍会被选中。轮询则根本不看。",
      },
    },
    {
      id: "rr-share",
      prompt: { en: "Does round robin give b3 fewer calls because it is slow?", zh: "轮询会因为 b3 慢而少给它调用吗？" },
      choices: [
        { id: "yes", label: { en: "Yes, noticeably fewer than a third", zh: "会，明显少于三分之一" }, when: { expect: "rr.calls.instance.b3.api / rr.calls.attempts < 30%" } },
        { id: "no", label: { en: "No, a third of its calls, slow or not", zh: "不会，不管快慢都是三分之一" }, when: { expect: "rr.calls.instance.b3.api / rr.calls.attempts within 1% of 33.33%" } },
      ],
      why: {
        en: "Round robin is blind: b3 gets a third of rr's calls, and a third of rr's calls are slow.",
        zh: "轮询是盲目的：b3 拿到 rr 三分之一的调用，于是 rr 三分之一的调用都很慢。",
      },
    },
  ],
  exercises: [],
};
