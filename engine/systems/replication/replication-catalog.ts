import type { CheckerCatalog } from "../../run-options";
import { noAcknowledgedWriteLost, noReadOfLostWrite } from "./lost-writes";
import { sessionMonotonicReads, sessionReadYourWrites } from "./session-reads";

/** The checkers of the replicated stores (Redis, MySQL), reading their list-append `op` histories. */
export const replicationCheckers: CheckerCatalog = {
  "no-acknowledged-write-lost": { factory: noAcknowledgedWriteLost, description: "Every write a client saw acknowledged is present in the final state of its key." },
  "no-read-of-lost-write": { factory: noReadOfLostWrite, description: "No read returns a value that the final state of its key does not hold." },
  "session-read-your-writes": { factory: sessionReadYourWrites, description: "A client's read holds every value of its own acknowledged appends to that key." },
  "session-monotonic-reads": { factory: sessionMonotonicReads, description: "A client's read holds every value of its earlier reads of that key." },
};
