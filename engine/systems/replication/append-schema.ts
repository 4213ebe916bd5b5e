import type { JsonObject } from "../../core/json";
import { duration, int, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { APPEND_WORKLOAD_OPTIONS } from "./append-workload-options";

/** The schema properties of the list-append workload, and the keys a workload entry passes. */
export const APPEND_WORKLOAD_PROPERTIES: Record<string, JsonObject> = {
  ...optionsSchema(APPEND_WORKLOAD_OPTIONS),
  arrival: { type: "object", description: "Request arrivals (set by a workload entry's rate, burst or ramp)." },
  rate: rate("Requests per second, Poisson (instead of arrival)."),
  stopAt: duration("Stop sending at this time."),
  requests: int(0, "Stop after this many requests."),
  deadline: duration("Accepted from workload entries; the client's own timeout bounds each request."),
};
