import type { Lesson } from "../lesson-types";

/** Transactions: the coordinator crashes after deciding; the participants block. */
export const coordinatorCrash: Lesson = {
  id: "coordinator-crash",
  stage: "transactions",
  scenario: "commit/2pc-coordinator-crash.yaml",
  seed: 1,
  title: { en: "Two-phase commit blocks", zh: "两阶段提交的阻塞" },
  watch: {
    en: "One transaction. The coordinator decides COMMIT and crashes before it tells anyone, for 3 s. The participants have voted YES: they may not abort alone. Watch p1, p2 and p3 ask each other what happened.",
    zh: "一个事务。协调者决定 COMMIT 后、通知任何人之前崩溃，持续 3 秒。参与者都已投 YES：它们不能自行中止。看 p1、p2、p3 互相询问发生了什么。",
  },
  questions: [
    {
      id: "peers",
      prompt: { en: "Can the participants finish the transaction by asking each other while the coordinator is down?", zh: "协调者宕机期间，参与者互相询问能不能完成这个事务？" },
      choices: [
        { id: "yes", label: { en: "Yes, one of them knows the outcome", zh: "能，其中一个知道结果" }, when: { records: { event: "blocked", before: { restart: "c" } }, op: "==", value: 0 } },
        { id: "no", label: { en: "No, they all block until the coordinator returns", zh: "不能，它们都阻塞到协调者回来" }, when: { all: [{ records: { event: "blocked" }, op: "==", value: 3 }, { check: "blocking", is: "violated" }] } },
      ],
      why: {
        en: "All three are uncertain: each voted YES and none heard the decision. Cooperative termination needs one participant that knows (or that voted NO); here none does, so all block until the coordinator recovers.",
        zh: "三个参与者都不确定：都投了 YES，都没收到决定。协作终止需要有一个参与者知道结果（或投了 NO）；这里一个都没有，所以全部阻塞，直到协调者恢复。",
      },
    },
    {
      id: "outcome",
      prompt: { en: "When the coordinator comes back, is the order committed everywhere?", zh: "协调者回来之后，这个订单在每个参与者上都提交了吗？" },
      choices: [
        { id: "committed", label: { en: "Yes, at all three participants", zh: "是的，三个参与者都提交了" }, when: { all: [{ expect: "count(commit.participant.commit) == 3" }, { check: "atomicity", is: "held" }] } },
        { id: "aborted", label: { en: "No, the coordinator aborts it after its crash", zh: "没有，协调者崩溃后中止了它" }, when: { expect: "count(commit.participant.commit) == 0" } },
        { id: "mixed", label: { en: "Only at some of them", zh: "只在其中一部分上" }, when: { check: "atomicity", is: "violated" } },
      ],
      why: {
        en: "The decision was forced to the coordinator's log before the crash. On recovery it reads COMMIT and sends it: atomicity holds, the price was blocking.",
        zh: "决定在崩溃前已经强制写入协调者的日志。恢复后它读到 COMMIT 并发送出去：原子性成立，代价是阻塞。",
      },
    },
  ],
  exercises: [],
};
