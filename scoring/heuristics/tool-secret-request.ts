import type { McpTool } from "../../src/evidence/index.js";
import { defineHeuristic } from "../engine/heuristic.js";
import type { FindingDraft, Severity } from "../engine/types.js";
import { quote, toolLocation, toolName } from "./shared/code.js";
import { negatedBefore, plainSentences } from "./shared/prose.js";

/**
 * What a tool may ask the model to hand over as an argument, and how bad it is. Reading files
 * the user never meant to share (keys, other clients' MCP configs with their tokens) or the
 * conversation itself (with every file and tool result in it) is exfiltration through tool
 * arguments: critical. A bare credential word ("pass your API key") is poor practice, not theft.
 */
const SENSITIVE: readonly { kind: string; severity: Severity; re: RegExp }[] = [
  {
    kind: "a secret file",
    severity: "critical",
    re: /(?:~\/\.ssh\b|\.ssh\/|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.aws\/(?:credentials|config)\b|~\/\.aws\b|\.npmrc\b|\.netrc\b|\.pgpass\b|\.git-credentials\b|\.docker\/config\.json|\.kube\/config\b|~\/\.config\/gcloud\b|(?:^|[\s'"(`/])\.env(?:\.[\w-]+)?\b|\bkeychain\b|\bwallet\.dat\b)/i,
  },
  {
    kind: "an MCP client's config",
    severity: "critical",
    re: /(?:\bmcp\.json\b|claude_desktop_config|~\/\.cursor\b|\.cursor\/|\.claude\.json\b|\.codeium\/|\.continue\/config|\b(?:mcp|claude|cursor|editor|client|ide|vs\s?code|windsurf|desktop)(?:['’]s)?\s+(?:[\w-]+\s+)?(?:settings|config(?:uration)?)\s+files?\b|\bsettings\s+files?\s+of\s+the\s+(?:editor|client|ide))/i,
  },
  {
    kind: "the environment's variables",
    severity: "critical",
    re: /(?:\b(?:all(?:\s+of)?(?:\s+the)?|every|your|the\s+user['’]s|the\s+full)\s+environment\s+variables\b|\bprocess\.env\b|\boutput\s+of\s+[`'"]?(?:env|printenv|set)\b)/i,
  },
  {
    kind: "the conversation",
    severity: "critical",
    re: /\b(?:(?:whole|complete|entire|full|all(?:\s+of)?(?:\s+the)?)\s+(?:conversation|chat|transcript|dialog(?:ue)?|chat\s+history|message\s+history|context\s+window)|(?:previous|prior|earlier)\s+(?:messages|conversation|turns|chat)|conversation\s+(?:so\s+far|history|log|transcript)|chat\s+(?:history|log|transcript)|everything\s+the\s+user\s+(?:said|typed|wrote|asked)|(?:your\s+)?system\s+prompt|instructions\s+you\s+(?:were|have\s+been)\s+given)\b/i,
  },
  {
    kind: "credentials",
    severity: "medium",
    re: /\b(?:private\s+keys?|api[\s_-]?keys?|passwords?|passphrases?|access[\s_-]?tokens?|auth(?:entication)?\s+tokens?|session\s+tokens?|bearer\s+tokens?|credentials|secrets|secret\s+(?:keys?|values?)|cookies|seed\s+phrases?|mnemonics?|ssh\s+keys?|access\s+keys?)\b/i,
  },
];

/** Where the model is told to take something from, making a bare credential word a file read. */
const SOURCE =
  /\b(?:in|from|under|inside)\s+(?:the\s+|your\s+|the\s+user['’]s\s+|the\s+project['’]s\s+|any\s+)?(?:[\w./~-]+\s+)?(?:files?|folders?|directory|environment|env|home)\b/i;

/** Verbs that hand something to the server (base form: an instruction, not a description). */
const HANDOVER =
  /\b(?:include|send|pass|provide|attach|upload|forward|paste|supply|give|share|submit|post|put|add|embed|insert|append|enter|fill\s+in|call\s+(?:this|it|the\s+tool)\s+with)\b/gi;

/**
 * Verbs that fetch something for the model to hand over. Alone they may describe the tool's own
 * action ("Read the contents of a file"); with a hand-over or an urging in the same sentence they
 * tell the model what to fetch ("read ~/.cursor/mcp.json and pass its text as settings").
 */
const FETCH =
  /\b(?:read|cat|load|copy|collect|gather|extract|dump|look\s+(?:for|up)|find|fetch|grab|retrieve|take)\b/gi;
const URGING =
  /\b(?:before\s+(?:calling|using|planning|you)|first|always|whenever|every\s+time|you\s+(?:must|should|need\s+to)|make\s+sure|be\s+sure)\b/i;

/**
 * Where the object of the verb ends: "include separate periods per API key" asks for periods,
 * not keys; "pass the conversation so far in transcript" asks for the conversation. A fetching
 * verb's object runs on over its place ("look for them in the project's .env file").
 */
const OBJECT_END =
  /[;:!?]|\s[\u2013\u2014-]\s|\b(?:per|for|by|to|as|when|if|so|because|while|but|which|that|unless|until|before|after|then|into|via|using|whenever|once)\b/i;
const PLACE_WORDS = /\b(?:in|on|at|from|with|under|inside)\b/i;

/** "the contents of X", "its full text": asking for what a file says. */
const CONTENTS = /\b(?:contents?|full\s+text|text|body|bodies)\s+of\b/gi;

/**
 * An instruction, not a description: the verb opens its clause ("Before calling, read …", "… and
 * pass it"), perhaps after "please", "first", "always", "you must", or is an infinitive ("make sure
 * to include"). "Pages share cookies" and "the server will read the key" describe; they ask nothing.
 */
const IMPERATIVE_OPENING =
  /(?:^|[.,;:!?()<>[\]"“”]|\s[\u2013\u2014-]\s|\b(?:and|or|then|but|so)\b)\s*(?:(?:please|first|always|also|then|just|now|simply|instead|each\s+time|you\s+(?:must|should|need\s+to|have\s+to|can|will|may)|must|should|need\s+to|(?:be\s+sure|make\s+sure|remember|required|sure)\s+to|to)\s+)*$/i;
/** The clause opening is read from the 100 characters before the verb: a long sentence costs no more. */
function imperative(sentence: string, at: number): boolean {
  const from = Math.max(0, at - 100);
  const before = sentence.slice(from, at);
  return from === 0 ? IMPERATIVE_OPENING.test(before) : IMPERATIVE_OPENING_MID.test(before);
}
const IMPERATIVE_OPENING_MID = new RegExp(IMPERATIVE_OPENING.source.replace("(?:^|", "(?:"), "i");

/** "used to read", "designed to send": what the code is for, not what the model should do. */
const PURPOSE = /\b(?:used|able|designed|meant|allows?\s+(?:you\s+)?|lets?\s+you)\s*to\s+$/i;

interface Ask {
  kind: string;
  severity: Severity;
  sentence: string;
  at: number;
  length: number;
}

/** The most serious request in one sentence, if it asks the model for something it should not give. */
export function askIn(sentence: string): Ask | undefined {
  let best: Ask | undefined;
  const consider = (zone: string, at: number, length: number) => {
    const hit = sensitive(zone);
    if (hit && (!best || rank(hit.severity) > rank(best.severity))) best = { ...hit, sentence, at, length };
  };
  const live = (re: RegExp) =>
    [...sentence.matchAll(re)].filter(
      (m) =>
        !negatedBefore(sentence, m.index) &&
        imperative(sentence, m.index) &&
        !PURPOSE.test(sentence.slice(Math.max(0, m.index - 40), m.index)),
    );
  const handovers = live(HANDOVER);
  for (const m of handovers)
    consider(objectOf(sentence.slice(m.index + m[0].length), false), m.index, m[0].length);
  const told = handovers.length > 0 || URGING.test(sentence);
  for (const m of live(FETCH))
    if (told) consider(objectOf(sentence.slice(m.index + m[0].length), true), m.index, m[0].length);
  // "the contents of X" is a noun phrase: asked for when the sentence hands over or says "with".
  for (const m of sentence.matchAll(CONTENTS))
    if (
      !negatedBefore(sentence, m.index) &&
      (told || /\bwith\s+(?:the\s+)?$/i.test(sentence.slice(0, m.index)))
    )
      consider(objectOf(sentence.slice(m.index + m[0].length), true), m.index, m[0].length);
  return best;
}

/** What a parameter's description says the argument is: a noun phrase, no verb needed. */
export function parameterAsk(line: string): Ask | undefined {
  // "Path to the MCP config", "name of the .env file": where it is, not what it says.
  if (
    /^\s*(?:the\s+)?(?:absolute\s+|relative\s+)?(?:path|location|name|filename|file\s+name|folder|directory|url)\b/i.test(
      line,
    )
  )
    return undefined;
  for (const s of SENSITIVE) {
    if (s.severity !== "critical") continue;
    const m = s.re.exec(line);
    if (m && !negatedBefore(line, m.index))
      return { kind: s.kind, severity: s.severity, sentence: line, at: m.index, length: m[0].length };
  }
  return askIn(line);
}

const OBJECT_OR_PLACE_END = new RegExp(`${OBJECT_END.source}|${PLACE_WORDS.source}`, "i");

function objectOf(after: string, fromPlace: boolean): string {
  const end = (fromPlace ? OBJECT_END : OBJECT_OR_PLACE_END).exec(after);
  return after.slice(0, Math.min(end ? end.index : after.length, 200));
}

function sensitive(zone: string): { kind: string; severity: Severity } | undefined {
  for (const s of SENSITIVE) {
    if (!s.re.test(zone)) continue;
    // A credential to be fetched from a file or the environment is a file read.
    if (s.severity === "medium" && SOURCE.test(zone))
      return { kind: "credentials from files or the environment", severity: "critical" };
    return { kind: s.kind, severity: s.severity };
  }
  return undefined;
}

const rank = (s: Severity) => ["info", "low", "medium", "high", "critical"].indexOf(s);

/** The most serious ask in a tool's texts: description and title as instructions, schema lines as parameters. */
function toolAsk(tool: McpTool): (Ask & { field: string }) | undefined {
  let best: (Ask & { field: string }) | undefined;
  const keep = (a: Ask | undefined, field: string) => {
    if (a && (!best || rank(a.severity) > rank(best.severity))) best = { ...a, field };
  };
  for (const [field, text] of [
    ["title", tool.title],
    ["description", tool.description],
  ] as const) {
    if (text) for (const s of plainSentences(text)) keep(askIn(s), field);
  }
  if (tool.schemaText)
    for (const line of tool.schemaText.split("\n"))
      for (const s of plainSentences(line)) keep(parameterAsk(s), "input schema");
  return best;
}

/** Parameter names that ask the model to hand over a credential or a side channel. */
const SECRET_PARAM =
  /^(?:password|passwd|secret|private_?key|ssh_?key|api_?key|access_?token|token|credentials?|cookie|sidenote|side_note|mnemonic|seed)$/i;

export default defineHeuristic(
  {
    id: "tool-secret-request",
    category: "mcp-tools",
    title: "Tool asks the model for files, secrets or the conversation",
    rationale:
      "A tool whose description asks the model to read ~/.ssh, another client's MCP config or the project's .env, or to pass the whole conversation, and send it as an argument turns the assistant into the thief: the server receives what the user never meant to share (exfiltration through tool arguments). Read sentence by sentence: a prohibition ('do not include credentials') or a word in another phrase ('periods per API key') is not a request.",
    remediation:
      "Do not install the server if a description asks for files, secrets or the conversation; credentials belong in the server's environment, not in tool arguments.",
    severity: "critical",
    needs: ["code"],
  },
  (evidence) => {
    const drafts: FindingDraft[] = [];
    for (const tool of evidence.code.data.tools) {
      const ask = toolAsk(tool);
      if (ask) {
        const q = quote(ask.sentence, ask.at, ask.length, 240);
        drafts.push({
          severity: ask.severity,
          title:
            ask.severity === "critical"
              ? `Tool \`${toolName(tool)}\` asks the model to send ${ask.kind} in its arguments`
              : `Tool \`${toolName(tool)}\` asks for ${ask.kind} as an argument`,
          detail: `Its ${ask.field} says: ${q}`,
          evidence: [toolLocation(tool, q)],
        });
      }
      const params = tool.inputKeys.filter((k) => SECRET_PARAM.test(k));
      if (params.length > 0) {
        drafts.push({
          severity: "low",
          title: `Tool \`${toolName(tool)}\` takes credential-like arguments: ${params.join(", ")}`,
          detail: "The model is asked to supply these values; anything it knows may end up in them.",
          evidence: [toolLocation(tool, params.join(", "))],
        });
      }
    }
    return drafts;
  },
);
