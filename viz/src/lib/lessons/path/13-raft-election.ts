import type { Lesson } from "../lesson-types";

/** Consensus: a Raft election with split votes, and what ends them. */
export const raftElection: Lesson = {
  id: "raft-election",
  stage: "consensus",
  scenario: "consensus/raft-leader-election.yaml",
  seed: 1,
  title: { en: "Raft: electing a leader", zh: "Raft：选举领导者" },
  watch: {
    en: "Four servers; three votes make a leader. For the first second n1 can reach only n3, and n2 only n4; n3 and n4 wait 2 to 3 s before they would stand. Watch the raft-role records of n1 and n2, and the term they stand in.",
    zh: "四台服务器；三票才能成为领导者。第一秒内 n1 只能连到 n3，n2 只能连到 n4；n3 和 n4 要等 2 到 3 秒才会参选。看 n1 和 n2 的 raft-role 记录，以及它们参选的任期。",
  },
  questions: [
    {
      id: "when",
      prompt: { en: "When is the first leader elected?", zh: "第一个领导者什么时候选出？" },
      choices: [
        { id: "early", label: { en: "In the first second, despite the cuts", zh: "第一秒内，尽管有链路中断" }, when: { records: { event: "raft-leader" }, of: "first", op: "<", value: "1s" } },
        { id: "heal", label: { en: "Soon after the cuts heal at 1 s", zh: "1 秒链路恢复后不久" }, when: { all: [{ records: { event: "raft-leader" }, of: "first", op: ">=", value: "1s" }, { records: { event: "raft-leader" }, of: "first", op: "<", value: "2s" }] } },
        { id: "late", label: { en: "Only when n3 or n4 stands, after 2 s", zh: "要等 n3 或 n4 参选，2 秒之后" }, when: { records: { event: "raft-leader" }, of: "first", op: ">=", value: "2s" } },
      ],
      why: {
        en: "Each time n1 or n2 stands it gets its own vote and its neighbour's: two of four. Split votes, term after term. Once the cuts heal, the next candidate reaches everyone and wins.",
        zh: "n1 或 n2 每次参选都只能拿到自己和邻居的票：四票中的两票。选票分裂，一个任期接一个任期。链路恢复后，下一个候选人能连到所有人，于是当选。",
      },
    },
    {
      id: "slow",
      prompt: { en: "Do n3 or n4, with their 2 to 3 s timeouts, ever become candidates?", zh: "超时为 2 到 3 秒的 n3 或 n4 会成为候选人吗？" },
      choices: [
        { id: "no", label: { en: "No, they keep hearing candidates and then a leader", zh: "不会，它们不断听到候选人，然后是领导者" }, when: { all: [{ records: { event: "raft-role", from: "n3", fields: { role: "candidate" } }, op: "==", value: 0 }, { records: { event: "raft-role", from: "n4", fields: { role: "candidate" } }, op: "==", value: 0 }] } },
        { id: "yes", label: { en: "Yes, they stand too", zh: "会，它们也参选" }, when: { any: [{ records: { event: "raft-role", from: "n3", fields: { role: "candidate" } }, op: ">", value: 0 }, { records: { event: "raft-role", from: "n4", fields: { role: "candidate" } }, op: ">", value: 0 }] } },
      ],
      why: {
        en: "A vote request from a candidate of a newer term resets a follower's election timer, so the slow servers never time out: randomized timeouts decide who asks first.",
        zh: "来自更新任期候选人的投票请求会重置跟随者的选举计时器，所以慢的服务器从不超时：随机化的超时决定了谁先发起请求。",
      },
    },
  ],
  exercises: [],
};
