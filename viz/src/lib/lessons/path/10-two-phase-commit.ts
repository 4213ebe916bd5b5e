import type { Lesson } from "../lesson-types";

/** Transactions: two-phase commit with nothing going wrong, and how short its uncertainty is. */
export const twoPhaseCommit: Lesson = {
  id: "two-phase-commit",
  stage: "transactions",
  scenario: "commit/2pc-happy-path.yaml",
  seed: 1,
  title: { en: "Two-phase commit", zh: "两阶段提交" },
  watch: {
    en: "A client runs 100 transactions over three participants. Follow one: the coordinator sends vote-request; each participant forces YES to its log before it votes, and from then on it is uncertain; the coordinator forces COMMIT, then tells everyone. Watch how short the uncertain stretch is.",
    zh: "客户端在三个参与者上运行 100 个事务。跟着其中一个看：协调者发送 vote-request；每个参与者先把 YES 强制写入日志再投票，从那一刻起它处于不确定状态；协调者强制写入 COMMIT，然后通知所有人。看不确定的那段时间有多短。",
  },
  questions: [
    {
      id: "everywhere",
      prompt: { en: "Is every transaction committed at every participant?", zh: "每个事务都在每个参与者上提交了吗？" },
      choices: [
        { id: "yes", label: { en: "Yes, 100 transactions, 300 participant commits", zh: "是的，100 个事务，300 次参与者提交" }, when: { all: [{ expect: "count(txn.committed) == 100" }, { expect: "count(commit.participant.commit) == 300" }, { check: "atomicity", is: "held" }] } },
        { id: "some-abort", label: { en: "No, a few abort when votes collide", zh: "不是，有几个在投票冲突时中止" }, when: { expect: "count(txn.aborted) > 0" } },
      ],
      why: {
        en: "Nothing goes wrong, every participant votes YES, and the coordinator's forced COMMIT is the moment each transaction commits: all 100, at all three participants.",
        zh: "没有任何故障，每个参与者都投 YES，协调者强制写入 COMMIT 的那一刻就是事务提交的时刻：100 个全部提交，三个参与者上都提交。",
      },
    },
  ],
  exercises: [
    {
      id: "block",
      task: {
        en: "Add one fault (or one trigger) that makes this two-phase commit block: a participant that voted YES can learn the outcome from nobody and must wait.",
        zh: "加一个故障（或一个触发器），让这个两阶段提交阻塞：某个已投 YES 的参与者无人可问结果，只能等待。",
      },
      hint: {
        en: "A participant is uncertain between its YES vote and the decision. What if the coordinator crashes in between, for a while?",
        zh: "参与者在投 YES 和收到决定之间是不确定的。如果协调者恰好在这之间崩溃一段时间呢？",
      },
      allow: ["faults", "faults.*", "triggers", "triggers.*"],
      maxChanges: 1,
      goal: { all: [{ expect: "count(commit.blocked) > 0" }, { records: { event: "blocked" }, op: ">", value: 0 }] },
      solution: [{
        find: "checks:\n",
        replace: "triggers:\n  - when: { record: decide, from: c/coordinator }\n    do: { crash: c }\n    for: 3s\nchecks:\n",
      }],
      wrong: [{ find: "checks:\n", replace: "faults:\n  - { at: 9s, crash: p1 }\nchecks:\n" }],
    },
  ],
};
