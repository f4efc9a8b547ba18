export const builtinRules = [
  { id: "weasel", message: "Weasel word", pattern: /\b(very|really|quite|fairly|extremely|simply)\b/gi },
  { id: "passive", message: "Possible passive voice", pattern: /\b(is|are|was|were|been|be)\s+\w+ed\b/gi },
  { id: "long-sentence", message: "Sentence longer than 35 words", test: (s) => s.split(/\s+/).length > 35 },
  { id: "github-case", message: "Write GitHub, not Github", pattern: /\bGithub\b/g },
];

export function check(text, rules) {
  const findings = [];
  const sentences = text.split(/(?<=[.!?])\s+/);
  sentences.forEach((s, i) => {
    for (const r of rules) {
      if (r.test && r.test(s)) findings.push({ rule: r.id, sentence: i + 1, message: r.message });
      if (r.pattern) for (const m of s.matchAll(r.pattern)) findings.push({ rule: r.id, sentence: i + 1, message: `${r.message}: "${m[0]}"` });
    }
  });
  return findings;
}
