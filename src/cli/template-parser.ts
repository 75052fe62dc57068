import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, Document } from 'yaml';
import { InputError } from './input-error';

/**
 * Reading a CloudFormation template, JSON or YAML, with the line of each resource.
 *
 * YAML is read with eemeli/yaml, whose nodes keep their tags and positions: each CloudFormation
 * short form (`!Ref`, `!GetAtt`, `!Sub`, `!If`, `!ImportValue`, `!Join`, ...) becomes its long form
 * (`{ "Ref": ... }`, `{ "Fn::GetAtt": [...] }`, `{ "Fn::Sub": ... }`, ...), as CloudFormation reads it.
 * It accepts what CloudFormation accepts and a strict YAML 1.2 parser does not: a mapping key given
 * twice (the last one counts), and a flow collection whose lines are not indented past their key
 * (see `indentFlowContinuations`).
 */
export interface ParsedTemplate {
  readonly template: unknown;
  /** The line of each resource's logical id, by logical id. */
  readonly resourceLines: Map<string, number>;
}

/** Whether `text` is JSON (a template that starts with `{`), else YAML. */
export function isJsonText(text: string): boolean {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, ''));
}

/** Parse a template file's text; throws an `InputError` that names the file and, for a syntax error, the line. */
export function parseTemplate(text: string, file: string): ParsedTemplate {
  const source = text.replace(/^\uFEFF/, '');
  return isJsonText(source) ? parseJsonTemplate(source, file) : parseYamlTemplate(source, file);
}

/** Parse JSON, with the line of a syntax error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Node's messages differ by version, and some name no position: find the first error here.
    const offset = jsonErrorOffset(text);
    const found = offset >= text.length ? 'the end of the file' : JSON.stringify(text.charAt(offset));
    throw new InputError(`invalid JSON: unexpected ${found}`, file, lineOfOffset(text, offset));
  }
}

/** The offset of the first character at which `text` stops being JSON (only called when JSON.parse failed). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxError(i);
  };
  const whitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) {
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') {
        fail();
      }
      i += ch === '\\' ? 2 : 1;
    }
    fail();
  };
  const literal = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
  const value = (): void => {
    whitespace();
    const ch = text.charAt(i);
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      whitespace();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          whitespace();
          if (text.charAt(i) !== '"') {
            fail();
          }
          string();
          whitespace();
          if (text.charAt(i) !== ':') {
            fail();
          }
          i++;
        }
        value();
        whitespace();
        if (text.charAt(i) === ',') {
          i++;
        } else if (text.charAt(i) === close) {
          i++;
          return;
        } else {
          fail();
        }
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    literal.lastIndex = i;
    if (!literal.exec(text)) {
      fail();
    }
    i = literal.lastIndex;
  };
  try {
    value();
    whitespace();
    return i < text.length ? i : text.length;
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      return e.offset;
    }
    throw e;
  }
}

class JsonSyntaxError extends Error {
  constructor(public readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

function parseJsonTemplate(text: string, file: string): ParsedTemplate {
  const template = parseJson(text, file);
  return { template, resourceLines: jsonResourceLines(text) };
}

/**
 * The line of each key of the top-level `Resources` object of a JSON text (which is known to parse),
 * found in one pass over its characters: JSON.parse gives no positions.
 */
export function jsonResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  /** The open objects (true) and arrays (false), outermost first. */
  const open: boolean[] = [];
  let line = 1;
  let inResources = false;
  let expectingKey = false;
  let lastTopKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) {
      line++;
    } else if (ch === 34 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 34) {
        end += text.charCodeAt(end) === 92 /* \ */ ? 2 : 1;
      }
      if (expectingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (open.length === 1) {
          lastTopKey = key;
        } else if (open.length === 2 && inResources && !lines.has(key)) {
          lines.set(key, line);
        }
        expectingKey = false;
      }
      i = end;
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      open.push(ch === 123);
      if (open.length === 2) {
        inResources = lastTopKey === 'Resources' && ch === 123;
      }
      expectingKey = ch === 123;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      open.pop();
      expectingKey = false;
    } else if (ch === 44 /* , */) {
      // After a comma in an object the next string is a key; in an array it is not.
      expectingKey = open[open.length - 1] === true;
    }
  }
  return lines;
}

function parseYamlTemplate(text: string, file: string): ParsedTemplate {
  let parsed = parseYaml(text);
  if (parsed.doc.errors.length > 0) {
    // Public templates that CloudFormation deploys have flow collections whose lines are indented no
    // further than their key; strict YAML refuses them. Indented, the same lines parse, at the same line numbers.
    const repaired = parseYaml(indentFlowContinuations(text));
    if (repaired.doc.errors.length > 0) {
      const error = parsed.doc.errors[0];
      throw new InputError(`invalid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        file, parsed.lineCounter.linePos(error.pos[0]).line);
    }
    parsed = repaired;
  }
  const { doc, lineCounter } = parsed;
  const template = toValue(doc.contents, doc);
  const resourceLines = new Map<string, number>();
  const root = doc.contents;
  if (isMap(root)) {
    const resources = root.items.find(pair => isScalar(pair.key) && pair.key.value === 'Resources')?.value;
    if (isMap(resources)) {
      for (const pair of resources.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range) {
          resourceLines.set(String(key.value), lineCounter.linePos(key.range[0]).line);
        }
      }
    }
  }
  return { template, resourceLines };
}

function parseYaml(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: false, merge: false });
  return { doc, lineCounter };
}

/** A YAML node as JavaScript, with each CloudFormation tag as the intrinsic function it stands for. */
function toValue(node: unknown, doc: Document.Parsed, aliasDepth = 0): unknown {
  if (node === null || node === undefined) {
    return null;
  }
  if (isAlias(node)) {
    // An alias is the value it names; a chain of aliases deeper than a template needs is a loop.
    return aliasDepth > 32 ? null : toValue(node.resolve(doc), doc, aliasDepth + 1);
  }
  let value: unknown;
  if (isScalar(node)) {
    value = node.value;
  } else if (isMap(node)) {
    const record: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (isPair(pair)) {
        const key = toValue(pair.key, doc, aliasDepth);
        record[String(key)] = toValue(pair.value, doc, aliasDepth);
      }
    }
    value = record;
  } else if (isSeq(node)) {
    value = node.items.map(item => toValue(item, doc, aliasDepth));
  } else {
    return null;
  }
  const tag = (node as { tag?: string }).tag;
  return tag && tag.startsWith('!') && !tag.startsWith('!!') ? intrinsicOfTag(tag.slice(1), value) : value;
}

/** `!Name value` as CloudFormation reads it: `{ "Ref": value }`, `{ "Condition": value }`, `{ "Fn::GetAtt": [resource, attribute] }`, else `{ "Fn::Name": value }`. */
function intrinsicOfTag(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') {
    return { [name]: value };
  }
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value };
  }
  return { [`Fn::${name}`]: value };
}

/**
 * Indent, past the key they belong to, the lines of every flow collection (`[...]`, `{...}`) that
 * continues over lines indented no further than its key:
 *
 * ```yaml
 *       Tags: {
 *       'Solutions:SolutionID': !FindInMap [Solution, Data, "SolutionID"],
 *       }
 * ```
 *
 * YAML 1.2 asks for more indentation there; CloudFormation (and PyYAML, and so cfn-lint) do not.
 * Spaces at the start of a line inside a flow collection change no value (line folding trims them),
 * and no line is added or removed, so every position keeps its line. Block scalars (`|`, `>`) are
 * left as they are, since their lines are text.
 */
export function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let flowDepth = 0;
  let baseIndent = 0;
  let quote: '"' | '\'' | undefined;
  let blockScalarIndent: number | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (blockScalarIndent !== undefined) {
      if (blank || indent > blockScalarIndent) {
        continue;
      }
      blockScalarIndent = undefined;
    }
    if (flowDepth > 0 && !blank && indent <= baseIndent) {
      lines[n] = ' '.repeat(baseIndent + 2 - indent) + line;
    }
    const startedInFlow = flowDepth > 0;
    if (!startedInFlow && quote === undefined) {
      const content = line.slice(indent);
      // The column of the key on this line: past any "- " of sequence entries.
      baseIndent = indent + (/^(-\s+)*/.exec(content)?.[0].length ?? 0);
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (quote === '"' && ch === '\\') {
          i++;
        } else if (ch === quote) {
          if (quote === '\'' && line[i + 1] === '\'') {
            i++;
          } else {
            quote = undefined;
          }
        }
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
        break;
      }
      if ((ch === '"' || ch === '\'') && (i === 0 || /[\s[{,:]/.test(line[i - 1]))) {
        quote = ch;
      } else if (ch === '[' || ch === '{') {
        if (flowDepth > 0 || i === 0 || /[\s:-]/.test(line[i - 1])) {
          flowDepth++;
        }
      } else if ((ch === ']' || ch === '}') && flowDepth > 0) {
        flowDepth--;
      }
    }
    if (flowDepth === 0 && quote === undefined && /(^|[\s:-])[|>][0-9+-]*\s*(#.*)?$/.test(line.replace(/\r$/, ''))) {
      blockScalarIndent = indent;
    }
  }
  return lines.join('\n');
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}
