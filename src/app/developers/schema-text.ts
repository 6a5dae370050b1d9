// JSON Schema as one line of TypeScript-like text for the reference page:
// {clientId: string (1..64), text?: string (..2000)} · MessageView[] · "a" | "b".
// A $ref shows as its component's name (the page lists the components with their shapes).
type Schema = Record<string, unknown>;

export const refName = (ref: string) => ref.split("/").pop() ?? ref;

function bounds(s: Schema): string {
  const [lo, hi] = s.type === "string" ? [s.minLength, s.maxLength] : s.type === "array" ? [s.minItems, s.maxItems] : [s.minimum ?? s.exclusiveMinimum, s.maximum ?? s.exclusiveMaximum];
  if (lo === undefined && hi === undefined) return "";
  return ` (${lo ?? ""}..${hi ?? ""})`;
}

export function schemaText(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== "object") return "any";
  const s = schema as Schema;
  if (typeof s.$ref === "string") return refName(s.$ref);
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  for (const key of ["oneOf", "anyOf"] as const) if (Array.isArray(s[key])) return (s[key] as unknown[]).map((v) => schemaText(v, depth)).join(" | ");
  if (Array.isArray(s.allOf)) return (s.allOf as unknown[]).map((v) => schemaText(v, depth)).join(" & ");
  if (Array.isArray(s.type)) return s.type.map((t) => schemaText({ ...s, type: t }, depth)).join(" | ");
  switch (s.type) {
    case "string":
      return `string${s.format ? ` <${s.format}>` : ""}${bounds(s)}`;
    case "integer":
    case "number":
      return `${s.type}${bounds(s)}`;
    case "boolean":
    case "null":
      return String(s.type);
    case "array": {
      const item = schemaText(s.items, depth + 1);
      return `${/[ |&]/.test(item) ? `(${item})` : item}[]${bounds(s)}`;
    }
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const fields = Object.entries(props).map(([k, v]) => `${k}${required.has(k) ? "" : "?"}: ${schemaText(v, depth + 1)}`);
      if (!fields.length) return typeof s.description === "string" ? s.description : "{…}";
      return `{${fields.join(", ")}}`;
    }
    default:
      return typeof s.description === "string" ? s.description : "any";
  }
}

/** `code` spans and **bold** in the documents' descriptions, as parts to render. */
export function inlineParts(text: string): { kind: "text" | "code" | "strong"; text: string }[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((part) => (part.startsWith("`") ? { kind: "code", text: part.slice(1, -1) } : part.startsWith("**") ? { kind: "strong", text: part.slice(2, -2) } : { kind: "text", text: part }));
}
