import type { AstNode } from "./parser.js";

type N = AstNode;

export function isNode(v: unknown): v is N {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
}

/** Reads a non-computed property name, or a computed one that is a string literal. */
export function propName(member: N): string | undefined {
  const p = member.property as N;
  if (!member.computed && p.type === "Identifier") return p.name as string;
  if (p.type === "Literal" && typeof p.value === "string") return p.value;
  if (p.type === "TemplateLiteral" && (p.expressions as N[]).length === 0) {
    const first = (p.quasis as N[])[0];
    return first ? (first.value as { cooked?: string }).cooked : undefined;
  }
  return undefined;
}

export function keyName(prop: N): string | undefined {
  const k = prop.key as N | undefined;
  if (!k) return undefined;
  if (k.type === "Identifier" && !prop.computed) return k.name as string;
  if (k.type === "Literal") return String(k.value);
  return undefined;
}
