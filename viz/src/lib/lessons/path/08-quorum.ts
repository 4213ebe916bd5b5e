import type { Lesson } from "../lesson-types";

/** Data: quorums, R + W > N, and what a partition does to R = W = 1. */
export const quorum: Lesson = {
  id: "quorum",
  stage: "data",
  scenario: "platform/quorum-stale-reads.yaml",
  seed: 1,
  title: { en: "Quorums: when is a read fresh?", zh: "法定人数：读到的什么时候是新的？" },
  watch: {
    en: "Every key is kept by three replicas; here a write needs one of them and a read asks one (R = W = 1). From 10 s to 30 s a partition puts c1 with r1 and c2 with r2 and r3. Watch a key c1 writes and c2 then reads.",
    zh: "每个键由三个副本保存；这里写只需其中一个，读也只问一个（R = W = 1）。从 10 秒到 30 秒，一个网络分区把 c1 和 r1 分在一边，c2 和 r2、r3 分在另一边。看 c1 写入、随后 c2 读取的一个键。",
  },
  questions: [
    {
      id: "stale",
      prompt: { en: "During the partition, does any read return an older value than an acknowledged write?", zh: "分区期间，会不会有读返回比已确认的写更旧的值？" },
      choices: [
        { id: "yes", label: { en: "Yes, some reads are stale", zh: "会，有些读是旧的" }, when: { check: "no-stale-reads", is: "violated" } },
        { id: "no", label: { en: "No, every read sees the latest write", zh: "不会，每次读都看到最新的写" }, when: { check: "no-stale-reads", is: "held" } },
      ],
      why: {
        en: "A write c1 has acknowledged lives only on r1; c2 reads the key from r2 or r3 and gets the older value. A read is sure to meet the latest acknowledged write only when every read quorum overlaps every write quorum: R + W > N. Here R + W = 2 <= 3.",
        zh: "c1 已确认的写只在 r1 上；c2 从 r2 或 r3 读这个键，得到的是旧值。只有每个读法定人数都和每个写法定人数相交，即 R + W > N 时，读才一定能遇到最新的已确认写。这里 R + W = 2 <= 3。",
      },
    },
    {
      id: "available",
      prompt: { en: "Do any reads or writes fail during the partition?", zh: "分区期间会有读或写失败吗？" },
      choices: [
        { id: "none", label: { en: "None: one replica is enough for anything", zh: "没有：一个副本就够做任何事" }, when: { all: [{ expect: "count(kv.write.failed) == 0" }, { expect: "count(kv.read.failed) == 0" }] } },
        { id: "some", label: { en: "Some: the side with one replica cannot work", zh: "有：只有一个副本的那一边无法工作" }, when: { any: [{ expect: "count(kv.write.failed) > 0" }, { expect: "count(kv.read.failed) > 0" }] } },
      ],
      why: {
        en: "With R = W = 1 both sides keep working: the store is always available, and that is exactly why it can be stale.",
        zh: "R = W = 1 时两边都继续工作：数据存储总是可用，而这正是它会读到旧值的原因。",
      },
    },
  ],
  exercises: [
    {
      id: "fresh",
      task: {
        en: "Change one option so that no read is stale under the same partition.",
        zh: "改动一个选项，让同样的分区下没有一次读是旧的。",
      },
      hint: { en: "The clients' profile sets R and W; which profile makes R + W > N?", zh: "客户端的 profile 决定 R 和 W；哪个 profile 能让 R + W > N？" },
      allow: ["workload.*.profile", "workload.*.config.*"],
      maxChanges: 1,
      goal: { check: "no-stale-reads", is: "held" },
      solution: [{ find: "profile: one", replace: "profile: dynamo" }],
      wrong: [{ find: "keyCount: 5", replace: "keyCount: 50" }],
    },
  ],
};
