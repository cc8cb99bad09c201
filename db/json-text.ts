import { customType } from "drizzle-orm/pg-core";

/**
 * A jsonb column read and written as the database's own JSON text. The connections hand jsonb
 * over unparsed (db/connect.ts) and text is bound as is, so numbers keep every digit and every
 * key (`__proto__` too) survives: JavaScript never holds the value as an object.
 */
export const jsonbText = customType<{ data: string; driverData: string }>({
  dataType() {
    return "jsonb";
  },
  toDriver(text) {
    return text;
  },
  fromDriver(value) {
    if (typeof value !== "string") throw new Error("jsonb arrived parsed; the connection must hand it over as text");
    return value;
  },
});
