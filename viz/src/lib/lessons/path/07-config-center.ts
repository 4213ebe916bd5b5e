import type { Lesson } from "../lesson-types";

/** Data and configuration: a configuration center's pushes under a partition, and its local cache. */
export const configCenter: Lesson = {
  id: "config-center",
  stage: "data",
  scenario: "platform/config-center-partition.yaml",
  seed: 1,
  title: { en: "A configuration center under a partition", zh: "网络分区下的配置中心" },
  watch: {
    en: "An Apollo-style configuration center pushes releases to three applications through held long polls. Version 2 is released at 5 s, version 3 at 20 s. From 10 s to 40 s a partition cuts off app2 and app3; app3 also restarts at 27 s. Watch each application's config-applied records.",
    zh: "一个 Apollo 风格的配置中心通过挂起的长轮询把发布推送给三个应用。5 秒发布版本 2，20 秒发布版本 3。从 10 秒到 40 秒，一个网络分区隔开了 app2 和 app3；app3 还在 27 秒重启。看每个应用的 config-applied 记录。",
  },
  questions: [
    {
      id: "app2-catches-up",
      prompt: { en: "The partition heals at 40 s. When does app2 get version 3?", zh: "网络分区在 40 秒恢复。app2 什么时候拿到版本 3？" },
      choices: [
        { id: "heal", label: { en: "Within a few seconds of the heal", zh: "恢复后几秒之内" }, when: { records: { event: "config-applied", from: "app2" }, of: "last", op: "<", value: "45s" } },
        { id: "minute", label: { en: "About a minute after the heal", zh: "恢复后大约一分钟" }, when: { all: [{ records: { event: "config-applied", from: "app2" }, of: "last", op: ">=", value: "45s" }, { records: { event: "config-applied", from: "app2" }, of: "last", op: "<", value: "130s" }] } },
        { id: "never", label: { en: "Not before the run ends", zh: "运行结束前都拿不到" }, when: { check: "config-converges", is: "violated" } },
      ],
      why: {
        en: "app2's poll was already waiting at the server when the network failed, so the server's answer about version 3 is lost, and app2 does not know it: it gives up on that poll only at its 90 s read timeout. Staleness can outlast the fault.",
        zh: "网络断开时 app2 的轮询已经挂在服务器上，所以服务器关于版本 3 的应答丢失了，而 app2 并不知道：它要到 90 秒读超时才放弃这次轮询。过期可以比故障持续得更久。",
      },
    },
    {
      id: "app3-restart",
      prompt: { en: "app3 restarts while it is cut off from the configuration center. What configuration does it start with?", zh: "app3 在与配置中心断开时重启。它用什么配置启动？" },
      choices: [
        { id: "cache", label: { en: "Version 2, from its local cache file", zh: "版本 2，来自它的本地缓存文件" }, when: { records: { event: "config-fallback", from: "app3" }, op: ">", value: 0 } },
        { id: "none", label: { en: "None: it waits until it reaches the server", zh: "没有：它一直等到连上服务器" }, when: { records: { event: "config-fallback", from: "app3" }, op: "==", value: 0 } },
      ],
      why: {
        en: "Apollo's client keeps a copy of every version on its own disk and falls back to it when the server cannot be reached: stale but working. Once the network heals its retries fetch version 3 within milliseconds.",
        zh: "Apollo 客户端在自己的磁盘上保存每个版本的副本，连不上服务器时就退回到它：虽然过期但能工作。网络恢复后，它的重试在几毫秒内取到版本 3。",
      },
    },
  ],
  exercises: [],
};
