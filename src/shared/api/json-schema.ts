// zod → JSON Schema (draft 2020-12, what OpenAPI 3.1 and AsyncAPI 3.0 take), with every
// named schema (`.meta({id})`) collected once into a components map and referred to by $ref.
import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/** Collects named schemas for a document's components while converting. */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  constructor(private readonly refBase: string) {}

  /** The JSON Schema of `schema` (as a client sends or receives it), its named parts moved to the components. */
  convert(schema: z.ZodType): JsonSchema {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
    const { $defs, $schema: _dialect, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, def] of Object.entries($defs ?? {})) this.components[id] ??= this.rewrite(def) as JsonSchema;
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === "string") {
      this.components[id] ??= this.rewrite(rest) as JsonSchema;
      return { $ref: `${this.refBase}${id}` };
    }
    return this.rewrite(rest) as JsonSchema;
  }

  private rewrite(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v));
    if (!value || typeof value !== "object") return value;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) out[k] = `${this.refBase}${v.slice("#/$defs/".length)}`;
      // Integers need no ±2^53 bounds spelled out.
      else if ((k === "minimum" && v === Number.MIN_SAFE_INTEGER) || (k === "maximum" && v === Number.MAX_SAFE_INTEGER)) continue;
      else out[k] = this.rewrite(v);
    }
    return out;
  }
}
