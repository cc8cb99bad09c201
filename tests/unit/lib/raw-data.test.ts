import { describe, expect, it } from "vitest";
import { AppError } from "@/db/app-error";
import { compactJson, prettyJson } from "@/lib/json-text";
import { checkRawDataText, RAW_DATA_MAX_BYTES, rawDataFields } from "@/lib/raw-data";

// What an agent may write into raw_data that JSON.parse cannot hold: a 20-digit integer, a
// fraction with 19 decimals, a number beyond double range, and a __proto__ key.
const AGENT_TEXT = '{"n": 12345678901234567890, "f": 1.0000000000000000001, "e": 1e400, "__proto__": {"a": 1}}';

describe("raw_data from the editor", () => {
  it("accepts any JSON object and answers it without whitespace, as written", () => {
    const text =
      '{ "content": "Prefers tea", "tags": ["diet"], "meta": {"n": 1.5, "ok": true, "none": null}, "emoji": "🙂" }';
    expect(checkRawDataText(text)).toBe(
      '{"content":"Prefers tea","tags":["diet"],"meta":{"n":1.5,"ok":true,"none":null},"emoji":"🙂"}',
    );
  });

  it("keeps every digit of every number and the __proto__ key", () => {
    expect(checkRawDataText(AGENT_TEXT)).toBe(
      '{"n":12345678901234567890,"f":1.0000000000000000001,"e":1e400,"__proto__":{"a":1}}',
    );
    expect(checkRawDataText(prettyJson(AGENT_TEXT))).toBe(compactJson(AGENT_TEXT));
  });

  it("pretty-prints by changing whitespace only", () => {
    expect(prettyJson(AGENT_TEXT)).toBe(
      '{\n  "n": 12345678901234567890,\n  "f": 1.0000000000000000001,\n  "e": 1e400,\n  "__proto__": {\n    "a": 1\n  }\n}',
    );
  });

  it.each([
    ["{content: 1}", /not valid JSON: an unexpected character at column 2/],
    ["", /not valid JSON/],
    ['{"a": 1,}', /not valid JSON/],
    ['{"a": 1} // note', /not valid JSON: a comment/],
    ['{"a": 01}', /not valid JSON/],
    ['{"a": NaN}', /not valid JSON/],
    ['{"a": "tab\there"}', /control character/],
    ["[1,2]", /must be a JSON object .* not an array/],
    ['"text"', /not a string/],
    ["42", /not a number/],
    ["null", /not null/],
    ['{"a":"x\\u0000y"}', /raw_data.a contains a NUL character/],
    ['{"a\\u0000":1}', /NUL character/],
    ['{"a":"\\ud800"}', /lone surrogate/],
    ['{"a": 1, "b": {"c": 1, "c": 2}}', /raw_data.b.c is written twice/],
    ['{"big": [1, 1e131072]}', /raw_data.big\[1\] is the number 1e131072, beyond what PostgreSQL can store/],
    ['{"small": 1e-16384}', /raw_data.small is the number 1e-16384, beyond/],
    ['{"zero": 0.0e-16384}', /raw_data.zero is the number/],
    ['{"e": 0e1073741823}', /raw_data.e is the number/],
    [`${"[".repeat(150)}${"]".repeat(150)}`, /JSON object/],
    [`{"a":${'{"b":'.repeat(120)}1${"}".repeat(120)}}`, /deeper than 100/],
  ])("refuses %s", (text, message) => {
    expect(() => checkRawDataText(text)).toThrow(AppError);
    expect(() => checkRawDataText(text)).toThrow(message);
  });

  it.each(["1e131071", "1e-16383", "0e200000", "-0.0", "1E+2", "123456789012345678901234567890.5"])(
    "accepts the number %s, which jsonb stores",
    (n) => {
      expect(checkRawDataText(`{"n": ${n}}`)).toBe(`{"n":${n}}`);
    },
  );

  it("refuses more than 256 KB without whitespace, and accepts just under", () => {
    const at = (bytes: number) => `{"content":"${"x".repeat(bytes - 14)}"}`;
    expect(Buffer.byteLength(at(RAW_DATA_MAX_BYTES))).toBe(RAW_DATA_MAX_BYTES);
    expect(() => checkRawDataText(at(RAW_DATA_MAX_BYTES))).not.toThrow();
    expect(() => checkRawDataText(at(RAW_DATA_MAX_BYTES + 1))).toThrow(/limit is 256 KB/);
    // Indentation does not count against the limit.
    expect(() =>
      checkRawDataText(prettyJson(`{"list":[${Array.from({ length: 20_000 }, () => "[1]").join(",")}]}`)),
    ).not.toThrow();
  });
});

describe("the fields read from raw_data", () => {
  it("takes content, else non-blank text; tags as text, numbers with every digit; the component", () => {
    expect(
      rawDataFields('{"content": "a", "text": "b", "tags": ["x", 12345678901234567890, {"k": 1}], "component": "c"}'),
    ).toEqual({
      text: "a",
      tags: ["x", "12345678901234567890", '{"k": 1}'],
      component: "c",
    });
    expect(rawDataFields('{"content": "  ", "text": "b"}').text).toBe("b");
    expect(rawDataFields('{"content": 42, "tags": "not-a-list", "component": 7}')).toEqual({
      text: null,
      tags: [],
      component: null,
    });
  });
});
