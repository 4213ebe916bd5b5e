import { expect, test } from "vitest";
import { builtinProcesses } from "../../engine/index";
import { KINDS_WITHOUT_SCALAR_OPTIONS, OPTION_TABLES } from "./options-doc-file";

/** Whether `kind` is named, as a whole word, by one of the option tables' headings. */
const hasTable = (kind: string): boolean => OPTION_TABLES.some((t) => t.kind.split(/[\s,():]+/).includes(kind));

test("options coverage: every built-in kind declares its options in a table (listed in docs/options.md) or is listed as taking none", () => {
  const missing = Object.keys(builtinProcesses).filter((k) => !hasTable(k) && !(k in KINDS_WITHOUT_SCALAR_OPTIONS));
  expect(missing, "add the kind's options table to OPTION_TABLES in scenarios/schema/options-doc-file.ts, then `npm run schema`").toEqual([]);
});

test("options coverage: a kind listed as taking no scalar options really has none in its schema", () => {
  for (const kind of Object.keys(KINDS_WITHOUT_SCALAR_OPTIONS)) {
    const schema = builtinProcesses[kind]?.configSchema as { properties?: Record<string, { type?: unknown; enum?: unknown }> } | undefined;
    expect(builtinProcesses[kind], `${kind} is not a built-in kind`).toBeDefined();
    const scalars = Object.entries(schema?.properties ?? {}).filter(([, p]) => p.enum !== undefined || ["integer", "number", "boolean"].includes(String(p.type)));
    expect(scalars.map(([k]) => k), kind).toEqual([]);
  }
});
