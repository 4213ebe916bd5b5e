/**
 * The terms the page's two languages must translate the same way every time, in the seed
 * document's own usage (服务注册表, 熔断, 降级, 两阶段提交 ...). `glossary.test.ts` fails when an
 * English message uses a term and its Chinese message does not use the term's translation.
 * Order matters only for reading: longer terms first where one contains another.
 */
export const GLOSSARY: ReadonlyArray<readonly [en: string, zh: string]> = [
  ["service registry", "服务注册表"],
  ["service discovery", "服务发现"],
  ["service proxy", "服务代理"],
  ["load balancing", "负载均衡"],
  ["circuit breaker", "熔断器"],
  ["breaker", "熔断"],
  ["fallback", "降级"],
  ["rate limit", "限流"],
  ["gateway", "网关"],
  ["configuration center", "配置中心"],
  ["message queue", "消息队列"],
  ["log collection", "日志收集"],
  ["data store", "数据存储"],
  ["two-phase commit", "两阶段提交"],
  ["three-phase commit", "三阶段提交"],
  ["distributed transaction", "分布式事务"],
  ["partition", "分区"],
  ["crash", "崩溃"],
  ["restart", "重启"],
  ["pause", "暂停"],
  ["fault", "故障"],
  ["timeout", "超时"],
  ["retry", "重试"],
  ["seed", "种子"],
  ["trace hash", "轨迹哈希"],
  ["scenario", "场景"],
  ["teaching note", "讲解"],
  ["violation", "违反"],
  ["event", "事件"],
  ["node", "节点"],
  ["lane", "泳道"],
  ["cursor", "游标"],
  ["leader", "领导者"],
];
