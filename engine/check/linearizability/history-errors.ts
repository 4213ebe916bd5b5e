/**
 * Every error a history file can cause, written once (like scenarios/errors.ts). Codes are
 * stable: CH0xx are about the text, CH1xx about one record, CH2xx about how records pair up and
 * fit the model, CH3xx about size.
 */
export const historyErrorCatalogue = {
  CH001: { title: "syntax error", help: "Each line of a .jsonl history is one JSON object; each line of a .edn history is one EDN map, as Jepsen writes history.edn." },
  CH002: { title: "bad header", help: "A .jsonl history starts with the line {\"format\": \"clustersim-history\", \"version\": 1} (docs/history-format.md)." },
  CH003: { title: "unsupported version", help: "This clustersim reads history format version 1." },
  CH101: { title: "bad record", help: "A record has type (invoke, ok, fail or info), process (a number or string), f (read, write, cas, append, get, put or delete) and value; a cas's value is [expected, new]." },
  CH102: { title: "time goes backwards", help: "Records are in real-time order, so a record's time is at least the time of the one before it." },
  CH201: { title: "records do not pair", help: "A process invokes one operation at a time and completes it with the same f before it invokes the next; after an info it continues under a new process id." },
  CH202: { title: "operation not in the model", help: "register allows read and write; cas-register adds cas; kv adds append and delete. Choose the model with --model." },
  CH301: { title: "history too large", help: "The checker reads at most 1,000,000 records and lines of at most 1 MB; split the history by key or by time." },
} as const;

/** A stable history error code such as `CH101`. */
export type HistoryErrorCode = keyof typeof historyErrorCatalogue;

/** One problem in a history file: a code, where (1-based), what is wrong and what would be right. */
export interface HistoryError {
  code: HistoryErrorCode;
  file: string;
  line: number;
  column: number;
  message: string;
  help: string;
}

/** Makes an error of `code` at `line:column` with the catalogue's help. */
export function historyError(code: HistoryErrorCode, file: string, line: number, column: number, message: string): HistoryError {
  return { code, file, line, column, message, help: historyErrorCatalogue[code].help };
}

/** `error CH101: ...` then `  --> file:line:col` and the help, as the scenario loader prints its errors. */
export function formatHistoryError(e: HistoryError): string {
  return `error ${e.code}: ${e.message}\n  --> ${e.file}:${e.line}:${e.column}\n  = help: ${e.help}`;
}
