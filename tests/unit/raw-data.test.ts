import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseRawDataText, RAW_DATA_MAX_BYTES } from "@/lib/raw-data";

describe("raw_data from the editor", () => {
  it("accepts any JSON object and keeps it as written", () => {
    const text = '{"content":"Prefers tea","tags":["diet"],"meta":{"n":1.5,"ok":true,"none":null},"emoji":"🙂"}';
    expect(parseRawDataText(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ["{content: 1}", /not valid JSON/],
    ["", /not valid JSON/],
    ["[1,2]", /must be a JSON object .* not an array/],
    ['"text"', /not a string/],
    ["42", /not a number/],
    ["null", /not null/],
    ['{"a":"x\\u0000y"}', /NUL character/],
    ['{"a\\u0000":1}', /NUL character/],
    ['{"a":"\\ud800"}', /lone surrogate/],
    ['{"big":1e400}', /too large/],
    [`${"[".repeat(150)}${"]".repeat(150)}`, /JSON object/],
    [`{"a":${'{"b":'.repeat(120)}1${"}".repeat(120)}}`, /deeper than 100/],
  ])("refuses %s", (text, message) => {
    expect(() => parseRawDataText(text)).toThrow(AppError);
    expect(() => parseRawDataText(text)).toThrow(message);
  });

  it("refuses more than 256 KB, and accepts just under", () => {
    const at = (bytes: number) => `{"content":"${"x".repeat(bytes - 14)}"}`;
    expect(Buffer.byteLength(at(RAW_DATA_MAX_BYTES))).toBe(RAW_DATA_MAX_BYTES);
    expect(() => parseRawDataText(at(RAW_DATA_MAX_BYTES))).not.toThrow();
    expect(() => parseRawDataText(at(RAW_DATA_MAX_BYTES + 1))).toThrow(/limit is 256 KB/);
  });
});
