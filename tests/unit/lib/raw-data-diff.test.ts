import { describe, expect, it } from "vitest";
import { diffRawData } from "@/lib/raw-data-diff";

describe("raw_data differences, path by path", () => {
  it.each([
    ["identical text", '{"a": 1, "b": [1, 2]}', '{"a": 1, "b": [1, 2]}', []],
    ["same object, keys in another order", '{"a": 1, "b": 2}', '{"b": 2, "a": 1}', []],
    ["a key added", '{"a": 1}', '{"a": 1, "b": {"c": true}}', [{ path: "b", kind: "added", after: '{"c":true}' }]],
    ["a key removed", '{"a": 1, "b": null}', '{"a": 1}', [{ path: "b", kind: "removed", before: "null" }]],
    [
      "a nested value changed",
      '{"meta": {"source": {"app": "chat", "v": 2}}}',
      '{"meta": {"source": {"app": "mail", "v": 2}}}',
      [{ path: "meta.source.app", kind: "changed", before: '"chat"', after: '"mail"' }],
    ],
    [
      "a type changed",
      '{"n": 1, "o": {"x": 1}}',
      '{"n": "1", "o": [1]}',
      [
        { path: "n", kind: "changed", before: "1", after: '"1"' },
        { path: "o", kind: "changed", before: '{"x":1}', after: "[1]" },
      ],
    ],
    [
      "numbers beyond double precision",
      '{"id": 12345678901234567890, "f": 1.0000000000000000001}',
      '{"id": 12345678901234567891, "f": 1.0000000000000000001}',
      [{ path: "id", kind: "changed", before: "12345678901234567890", after: "12345678901234567891" }],
    ],
    [
      "a tag added and one removed",
      '{"tags": ["bug", "ui", "old"]}',
      '{"tags": ["bug", "ui", "new", "api"]}',
      [
        { path: "tags[2]", kind: "removed", before: '"old"' },
        { path: "tags[2]", kind: "added", after: '"new"' },
        { path: "tags[3]", kind: "added", after: '"api"' },
      ],
    ],
    [
      "a change inside an object in an array",
      '{"entities": [{"type": "person", "name": "Ann"}, {"type": "place"}]}',
      '{"entities": [{"type": "org", "name": "Ann"}, {"type": "place"}]}',
      [{ path: "entities[0].type", kind: "changed", before: '"person"', after: '"org"' }],
    ],
    [
      "unicode and odd keys",
      '{"größe": 1, "a b": {"__proto__": 1}, "": 0}',
      '{"größe": 2, "a b": {"__proto__": 2}, "": 0}',
      [
        { path: '["größe"]', kind: "changed", before: "1", after: "2" },
        { path: '["a b"].__proto__', kind: "changed", before: "1", after: "2" },
      ],
    ],
    [
      "strings that only look like numbers stay strings",
      '{"s": "12"}',
      '{"s": 12}',
      [{ path: "s", kind: "changed", before: '"12"', after: "12" }],
    ],
  ])("%s", (_, before, after, changes) => {
    expect(diffRawData(before, after)).toEqual(changes);
  });
});
