import { describe, expect, it } from "vitest";
import { entryFromText, groupByTopic, libraryEntries } from "./library";

describe("scenario library", () => {
  it("library: an entry takes its topic from the file, else its tags, else its folder", () => {
    expect(entryFromText("breaker/flap.yaml", "name: flap\ntopic: circuit-breaker\ndescription: |\n  Watch it open.\n").topic).toBe("Circuit breaker");
    expect(entryFromText("x/y.yaml", "name: y\ntags: { topic: 2pc }\n").topic).toBe("2pc");
    expect(entryFromText("commit/2pc-crash.yaml", "name: c\n").topic).toBe("Commit");
    const e = entryFromText("commit/2pc-crash.yaml", "name: c\ndescription: |\n  The coordinator crashes.\n");
    expect(e).toMatchObject({ id: "commit/2pc-crash.yaml", name: "c", description: "The coordinator crashes.", source: { kind: "yaml", file: "scenarios/library/commit/2pc-crash.yaml" } });
  });

  it("library: a description in two languages gives English and its translation (docs/scenario-format.md)", () => {
    const e = entryFromText("commit/c.yaml", "name: c\ndescription:\n  en: |\n    It crashes.\n  zh: |\n    它崩溃了。\n");
    expect(e.description).toBe("It crashes.");
    expect(e.descriptionTranslations).toEqual({ zh: "它崩溃了。" });
    expect(entryFromText("commit/c.yaml", "name: c\ndescription: { zh: 只有中文 }\n").description).toBe("");
  });

  it("library: a file that does not parse still appears, named after its file", () => {
    const e = entryFromText("broken/oops.yaml", "name: [unclosed\n");
    expect(e.name).toBe("oops");
    expect(e.topic).toBe("Broken");
  });

  it("library: entries group by topic in order, and the built-in demos are always there", () => {
    const all = libraryEntries();
    expect(all.some((e) => e.id === "fixture:echo-crash-partition")).toBe(true);
    expect(all.some((e) => e.id.startsWith("commit/"))).toBe(true);
    expect(all.filter((e) => e.id.startsWith("third-party/"))).toEqual([]); // they need modules: Node only
    const groups = groupByTopic(all);
    expect(groups.flatMap((g) => g.entries)).toHaveLength(all.length);
    expect(new Set(groups.map((g) => g.topic)).size).toBe(groups.length);
  });
});
