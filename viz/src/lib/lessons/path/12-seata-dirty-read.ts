import type { Lesson } from "../lesson-types";

/** Transactions: Seata AT commits each branch at once; its default isolation is read uncommitted. */
export const seataDirtyRead: Lesson = {
  id: "seata-dirty-read",
  stage: "transactions",
  scenario: "transactions/seata-at-dirty-read.yaml",
  seed: 1,
  title: { en: "Seata AT: reading what is rolled back", zh: "Seata AT：读到被回滚的数据" },
  watch: {
    en: "30 orders, each a distributed transaction: stock takes a piece, then payment debits 10 from a user who can afford only some of them. In AT mode each branch commits locally at once and keeps an undo log. A stock display reads item-1 with a plain SELECT every 10 ms. Watch the stock row and the display's reads around a rolled-back order.",
    zh: "30 个订单，每个都是一个分布式事务：库存扣一件，然后支付从用户账户扣 10，用户只付得起其中一部分。AT 模式下每个分支立即在本地提交，并保留 undo 日志。一个库存展示每 10 毫秒用普通 SELECT 读一次 item-1。看一个被回滚的订单前后，库存行和展示读到的值。",
  },
  questions: [
    {
      id: "outcomes",
      prompt: { en: "How many of the 30 orders commit?", zh: "30 个订单中有多少个提交？" },
      choices: [
        { id: "all", label: { en: "All 30", zh: "全部 30 个" }, when: { expect: "count(txn.committed) == 30" } },
        { id: "most", label: { en: "Half or more, but not all", zh: "一半或更多，但不是全部" }, when: { all: [{ expect: "count(txn.committed) >= 15" }, { expect: "count(txn.committed) < 30" }] } },
        { id: "few", label: { en: "Fewer than half: the rest roll back", zh: "不到一半：其余的回滚" }, when: { all: [{ expect: "count(txn.committed) < 15" }, { expect: "count(txn.rolled-back) > 0" }] } },
      ],
      why: {
        en: "Three users hold 30 each and every order costs 10, so only nine can be paid; the payment service refuses the rest and the coordinator rolls them back, compensating the stock service's committed branch from its undo log.",
        zh: "三个用户各有 30，每个订单花 10，所以只有九个能付款；支付服务拒绝其余的，协调者把它们回滚，用 undo 日志补偿库存服务已经提交的分支。",
      },
    },
    {
      id: "dirty",
      prompt: { en: "Does the display ever see a piece sold that is later given back?", zh: "展示会不会看到一件已卖出、后来又被退回的库存？" },
      choices: [
        { id: "yes", label: { en: "Yes: it reads a value that is rolled back", zh: "会：它读到一个后来被回滚的值" }, when: { check: "no-dirty-read", is: "violated" } },
        { id: "no", label: { en: "No: the global lock keeps it out", zh: "不会：全局锁把它挡在外面" }, when: { check: "no-dirty-read", is: "held" } },
      ],
      why: {
        en: "Phase one commits locally, so a plain SELECT sees the lower stock before the global transaction decides. The global lock keeps other transactions from writing the row, not anyone from reading it: Seata AT's default isolation is read uncommitted.",
        zh: "第一阶段就在本地提交，所以普通 SELECT 在全局事务决定之前就看到了减少后的库存。全局锁阻止的是其他事务写这一行，而不是阻止任何人读它：Seata AT 默认的隔离级别是读未提交。",
      },
    },
  ],
  exercises: [
    {
      id: "read-committed",
      task: {
        en: "Change one option of the stock display so that it never reads a value that is rolled back.",
        zh: "改动库存展示的一个选项，让它永远不会读到被回滚的值。",
      },
      hint: {
        en: "Seata documents how a flow that needs global read committed must read: with a statement that asks the coordinator about the global lock.",
        zh: "Seata 的文档说明了需要全局读已提交的流程应该怎样读：用一种会向协调者询问全局锁的语句。",
      },
      allow: ["services.*.config.*"],
      maxChanges: 1,
      goal: { check: "no-dirty-read", is: "held" },
      solution: [{ find: "every: 10ms, startAt: 1s }", replace: "every: 10ms, startAt: 1s, forUpdate: true }" }],
      wrong: [{ find: "every: 10ms, startAt: 1s }", replace: "every: 50ms, startAt: 1s }" }],
    },
  ],
};
