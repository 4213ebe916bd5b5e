import { describe, expect, it } from "vitest";
import { classifyFile } from "./classify-file";

describe("dropped files", () => {
  it("classify: YAML is a scenario, JSON lines and arrays are traces", () => {
    expect(classifyFile("2pc.yaml", "name: x")).toBe("scenario-yaml");
    expect(classifyFile("run.jsonl", "")).toBe("trace");
    expect(classifyFile("run.json", '{"kind":"start","t":0,"node":"a"}\n{"kind":"send","t":1}')).toBe("trace");
    expect(classifyFile("run.json", "[{\"t\":0}]")).toBe("trace");
  });

  it("classify: a JSON object is a typed scenario, a trace document, or loader input", () => {
    expect(classifyFile("s.json", '{\n  "name": "x",\n  "duration": 8000000,\n  "nodes": [],\n  "processes": []\n}')).toBe("scenario-object");
    expect(classifyFile("t.json", '{\n  "events": []\n}')).toBe("trace");
    expect(classifyFile("s.json", '{\n  "name": "x",\n  "duration": "10s"\n}')).toBe("scenario-yaml");
  });
});
