import type { Lesson } from "../lesson-types";

/** Queues: at-least-once delivery means a crash between processing and committing repeats work. */
export const kafka: Lesson = {
  id: "kafka-at-least-once",
  stage: "queues",
  scenario: "mq/kafka-at-least-once-duplicate.yaml",
  seed: 1,
  title: { en: "Message queue: at least once", zh: "消息队列：至少一次" },
  watch: {
    en: "The consumer processes each batch and only then commits its offsets. It crashes right after processing its 40th record, before the commit. When it comes back, the rebalance gives it the partition again and it reads the committed offset. Watch the consumer's process records around the crash and its restart.",
    zh: "消费者先处理每一批，然后才提交位移。它在处理完第 40 条记录后、提交之前崩溃。重启后，再均衡把分区又分给它，它读取已提交的位移。看崩溃和重启前后消费者的 process 记录。",
  },
  questions: [
    {
      id: "twice",
      prompt: { en: "Is any record processed twice?", zh: "有没有记录被处理两次？" },
      choices: [
        { id: "yes", label: { en: "Yes", zh: "有" }, when: { all: [{ check: "duplicates", is: "violated" }, { expect: "count(mq.process) > count(mq.produce)" }] } },
        { id: "no", label: { en: "No", zh: "没有" }, when: { check: "duplicates", is: "held" } },
      ],
      why: {
        en: "The record processed just before the crash was never covered by a commit, so after the restart it is read and processed again: 201 processings of 200 messages.",
        zh: "崩溃前刚处理的那条记录从未被提交覆盖，所以重启后它被再次读取和处理：200 条消息处理了 201 次。",
      },
    },
    {
      id: "lost",
      prompt: { en: "Is any acknowledged message lost?", zh: "有没有已确认的消息丢失？" },
      choices: [
        { id: "no", label: { en: "No, every message is processed", zh: "没有，每条消息都被处理了" }, when: { all: [{ check: "no-acked-loss", is: "held" }, { check: "all-accounted", is: "held" }] } },
        { id: "yes", label: { en: "Yes, the one in flight at the crash", zh: "有，崩溃时正在处理的那条" }, when: { any: [{ check: "no-acked-loss", is: "violated" }, { check: "all-accounted", is: "violated" }] } },
      ],
      why: {
        en: "Committing after processing is at-least-once: a crash can repeat work but never skip it. Commit first (at-most-once) and the same crash loses the record instead.",
        zh: "处理之后再提交就是至少一次：崩溃可能重复工作，但绝不会跳过。先提交（至多一次）的话，同样的崩溃会让这条记录丢失。",
      },
    },
  ],
  exercises: [
    {
      id: "no-duplicate",
      task: {
        en: "Change one option of the consumer so that no record is processed twice under the same crash. What does it cost?",
        zh: "改动消费者的一个选项，让同样的崩溃下没有记录被处理两次。代价是什么？",
      },
      hint: { en: "When does the consumer commit its offsets?", zh: "消费者什么时候提交位移？" },
      allow: ["services.*.config.commit", "services.*.config.processingTime"],
      maxChanges: 1,
      goal: { check: "duplicates", is: "held" },
      solution: [{ find: "commit: after-process", replace: "commit: before-process" }],
      wrong: [{ find: "processingTime: 20ms", replace: "processingTime: 5ms" }],
    },
  ],
};
