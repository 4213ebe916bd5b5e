import { describe, expect, it } from "vitest";
import { escapeHtml, escapeXmlAttr, escapeXmlText, jsonForScript, toXmlChars } from "./escape-markup";

describe("escape-markup", () => {
  it("xml: escapes the five special characters in attributes and keeps line breaks", () => {
    expect(escapeXmlAttr(`a<b>&"c'\nd`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;&#10;d");
  });

  it("xml: text never contains a CDATA end marker", () => {
    expect(escapeXmlText("x]]>y")).toBe("x]]&gt;y");
  });

  it("xml: replaces characters XML 1.0 cannot carry and keeps valid surrogate pairs", () => {
    expect(toXmlChars("a\u0000b\u001Fc\uD800d😀\uFFFF")).toBe("a\uFFFDb\uFFFDc\uFFFDd😀\uFFFD");
    expect(toXmlChars("tab\tnl\ncr\r")).toBe("tab\tnl\ncr\r");
  });

  it("html: a script tag from a message body becomes text", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("json in script: cannot close the script element and parses back to the same value", () => {
    const value = { body: "</script><script>alert(1)</script> & \u2028" };
    const text = jsonForScript(value);
    expect(text).not.toContain("</script");
    expect(JSON.parse(text)).toEqual(value);
  });
});
