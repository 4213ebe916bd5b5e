/** The TCC mode's kinds, by the names scenario files use. */
export const TCC_KIND = {
  /** The Seata server (TC) driving TCC branches. */
  server: "seata-tcc-server",
  /** A branch service with one TCC action. */
  service: "seata-tcc-service",
  /** The business application and its TM. */
  business: "seata-tcc-business",
} as const;
