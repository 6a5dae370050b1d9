// SQL text with its parameters, written once and rendered for either database: `?`
// placeholders for SQLite, `$n` (with a cast where PostgreSQL cannot infer the type)
// for PostgreSQL. Used by the few hot paths that bypass Prisma (see raw.ts).
import type { Flavor } from "./client";

export type Cast = "int" | "jsonb" | "timestamp" | "text[]" | "int[]" | "jsonb[]" | "timestamp[]";

interface Param {
  readonly value: unknown;
  readonly cast?: Cast;
}

const isParam = (x: unknown): x is Param => x instanceof ParamBox;
class ParamBox implements Param {
  constructor(
    readonly value: unknown,
    readonly cast?: Cast,
  ) {}
}

export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly parts: readonly (Param | Sql)[],
    /** Set on statements whose text never changes: PostgreSQL prepares them once per connection. */
    readonly name?: string,
  ) {}
}

/** A statement of constant text (parameters only, e.g. arrays for unnest), prepared once per connection on PostgreSQL. */
export const prepared = (name: string, query: Sql): Sql => new Sql(query.strings, query.parts, name);

/** A parameter with the cast PostgreSQL needs where it cannot tell the type from context. */
export const param = (value: unknown, cast?: Cast): Param => new ParamBox(value, cast);

/** sql`SELECT … WHERE "id" = ${id}`: values become parameters; Sql fragments nest. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(
    strings,
    values.map((v) => (v instanceof Sql || isParam(v) ? v : param(v))),
  );
}

/** Constant SQL text (never a value) inside a statement. */
export const verbatim = (text: string): Sql => new Sql([text], []);

/** Fragments joined by a separator, e.g. the rows of a multi-row INSERT. */
export function join(fragments: readonly Sql[], separator = ", "): Sql {
  if (!fragments.length) throw new Error("join() needs at least one fragment");
  const strings = ["", ...Array(fragments.length - 1).fill(separator), ""];
  return new Sql(strings, fragments);
}

/** A value as the database stores it: Prisma's ISO-8601 text on SQLite, 0/1 for booleans. */
function encode(value: unknown, flavor: Flavor): unknown {
  if (Array.isArray(value)) return value.map((v) => encode(v, flavor));
  if (value instanceof Date) return flavor === "sqlite" ? value.toISOString().replace("Z", "+00:00") : value.toISOString();
  if (typeof value === "boolean" && flavor === "sqlite") return value ? 1 : 0;
  return value;
}

/** A value as SQLite stores it (for values passed inside a JSON parameter). */
export const sqliteValue = (value: unknown): unknown => encode(value, "sqlite");

export function render(query: Sql, flavor: Flavor): { text: string; values: unknown[]; name?: string } {
  const values: unknown[] = [];
  const walk = (q: Sql): string => {
    let text = q.strings[0];
    q.parts.forEach((part, i) => {
      if (part instanceof Sql) text += walk(part);
      else {
        values.push(encode(part.value, flavor));
        if (flavor === "sqlite") text += "?";
        else text += `$${values.length}` + (part.cast ? `::${part.cast.replace("timestamp", "timestamp(3)")}` : "");
      }
      text += q.strings[i + 1];
    });
    return text;
  };
  const text = walk(query);
  return query.name ? { text, values, name: query.name } : { text, values };
}

/** A timestamp read back by raw SQL (ISO text on SQLite, text without a zone on PostgreSQL). */
export function readDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** A boolean read back by raw SQL (0/1 on SQLite). */
export const readBool = (value: unknown): boolean => value === true || value === 1 || value === 1n;
