// A small highlighter for what the Docker page previews: a Dockerfile, a .dockerignore, a shell
// command and YAML (compose, GitHub Actions, GitLab CI). It only colours; it never changes a
// character, so the tokens of a line joined together are the line (the tests check this), and
// the page renders them as text (no HTML is ever built from the content).

export type TokenKind =
  | "comment"
  | "keyword"
  | "string"
  | "variable"
  | "flag"
  | "key"
  | "punct"
  | "inserted"
  | "deleted"
  | "plain";

export type Token = { kind: TokenKind; text: string };

export type Language = "dockerfile" | "ignore" | "shell" | "yaml" | "diff";

/** Dockerfile instructions (Dockerfile reference; the parser matches them case-insensitively). */
const INSTRUCTIONS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);

/** Words that read as structure inside an instruction (`FROM x AS build`). */
const DOCKERFILE_WORDS = new Set(["AS"]);

/** Tokens of each line of `text` (split on `\n`; a `\r` stays in its line's text). */
export function highlight(text: string, language: Language): Token[][] {
  const lines = text.split("\n");
  switch (language) {
    case "dockerfile":
      return dockerfileLines(lines);
    case "ignore":
      return lines.map(ignoreLine);
    case "shell":
      return shellLines(lines);
    case "yaml":
      return lines.map(yamlLine);
    case "diff":
      return lines.map(diffLine);
  }
}

/** Adds `text` as `kind`, merging with the previous token of the same kind. */
function push(tokens: Token[], kind: TokenKind, text: string): void {
  if (text === "") return;
  const last = tokens[tokens.length - 1];
  if (last && last.kind === kind) last.text += text;
  else tokens.push({ kind, text });
}

const isSpace = (c: string | undefined) => c === " " || c === "\t";

/**
 * The inside of a line (after any keyword): quoted strings, `$VAR` / `${VAR}` / `${{ expr }}`,
 * `--flags`, and the rest as plain text. `#` starts a comment only where `comments` says so.
 */
function words(line: string, start: number, tokens: Token[], comments: boolean): void {
  let i = start;
  let plain = "";
  const flush = () => {
    push(tokens, "plain", plain);
    plain = "";
  };
  while (i < line.length) {
    const c = line[i]!;
    const atWordStart = i === 0 || isSpace(line[i - 1]);
    if (comments && c === "#" && atWordStart) {
      flush();
      push(tokens, "comment", line.slice(i));
      return;
    }
    if (c === '"' || c === "'") {
      const end = closingQuote(line, i);
      flush();
      push(tokens, "string", line.slice(i, end));
      i = end;
      continue;
    }
    if (c === "$") {
      const end = variableEnd(line, i);
      if (end > i + 1) {
        flush();
        push(tokens, "variable", line.slice(i, end));
        i = end;
        continue;
      }
    }
    if (c === "-" && line[i + 1] === "-" && atWordStart) {
      let end = i + 2;
      while (end < line.length && /[A-Za-z0-9-]/.test(line[end]!)) end++;
      if (end > i + 2) {
        flush();
        push(tokens, "flag", line.slice(i, end));
        i = end;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
}

/** Where the string opened at `open` ends (after its closing quote, or at the line's end). */
function closingQuote(line: string, open: number): number {
  const quote = line[open];
  let i = open + 1;
  while (i < line.length) {
    if (line[i] === "\\" && quote === '"') i += 2;
    else if (line[i] === quote) return i + 1;
    else i++;
  }
  return line.length;
}

/** Where the variable at `dollar` ends; `dollar + 1` when it is a lone `$`. */
function variableEnd(line: string, dollar: number): number {
  if (line.startsWith("${{", dollar)) {
    const close = line.indexOf("}}", dollar + 3);
    return close < 0 ? line.length : close + 2;
  }
  if (line[dollar + 1] === "{") {
    const close = line.indexOf("}", dollar + 2);
    return close < 0 ? line.length : close + 1;
  }
  let end = dollar + 1;
  while (end < line.length && /[A-Za-z0-9_]/.test(line[end]!)) end++;
  return end;
}

/** Leading spaces, then the first word of `line` and where it ends. */
function firstWord(line: string): { indent: number; end: number } {
  let indent = 0;
  while (isSpace(line[indent])) indent++;
  let end = indent;
  while (end < line.length && !isSpace(line[end])) end++;
  return { indent, end };
}

/** Whether `line` continues on the next one (ends in a backslash, spaces after it aside). */
function continues(line: string): boolean {
  return /\\\s*$/.test(line);
}

function dockerfileLines(lines: string[]): Token[][] {
  let continuation = false;
  return lines.map((line) => {
    const tokens: Token[] = [];
    const { indent, end } = firstWord(line);
    const word = line.slice(indent, end);
    if (word.startsWith("#")) {
      // Comments (and parser directives) are whole lines, also between continued lines.
      push(tokens, "plain", line.slice(0, indent));
      push(tokens, "comment", line.slice(indent));
      return tokens;
    }
    if (!continuation && INSTRUCTIONS.has(word.toUpperCase())) {
      push(tokens, "plain", line.slice(0, indent));
      push(tokens, "keyword", word);
      dockerfileRest(line, end, tokens);
    } else {
      dockerfileRest(line, 0, tokens);
    }
    // Empty lines (like comments) inside a continued instruction do not end it.
    if (word !== "") continuation = continues(line);
    return tokens;
  });
}

/** The arguments of an instruction: `AS` is structure, the rest as in a shell word list. */
function dockerfileRest(line: string, start: number, tokens: Token[]): void {
  const as = / (AS|as) /.exec(line.slice(start));
  if (as && DOCKERFILE_WORDS.has(as[1]!.toUpperCase()) && /^\s*FROM\b/i.test(line)) {
    const at = start + as.index + 1;
    words(line.slice(0, at), start, tokens, false);
    push(tokens, "keyword", as[1]!);
    words(line, at + as[1]!.length, tokens, false);
    return;
  }
  words(line, start, tokens, false);
}

function ignoreLine(line: string): Token[] {
  const tokens: Token[] = [];
  if (line.startsWith("#")) {
    push(tokens, "comment", line);
  } else if (line.startsWith("!")) {
    push(tokens, "punct", "!");
    push(tokens, "plain", line.slice(1));
  } else {
    push(tokens, "plain", line);
  }
  return tokens;
}

function shellLines(lines: string[]): Token[][] {
  let continuation = false;
  return lines.map((line) => {
    const tokens: Token[] = [];
    const { indent, end } = firstWord(line);
    const word = line.slice(indent, end);
    if (!continuation && word !== "" && !word.startsWith("#") && !word.includes("=")) {
      push(tokens, "plain", line.slice(0, indent));
      push(tokens, "keyword", word);
      words(line, end, tokens, true);
    } else {
      words(line, 0, tokens, true);
    }
    continuation = continues(line);
    return tokens;
  });
}

function yamlLine(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (isSpace(line[i])) i++;
  push(tokens, "plain", line.slice(0, i));
  if (line[i] === "#") {
    push(tokens, "comment", line.slice(i));
    return tokens;
  }
  if (line[i] === "-" && (i + 1 === line.length || isSpace(line[i + 1]))) {
    push(tokens, "punct", "-");
    i++;
    const start = i;
    while (isSpace(line[i])) i++;
    push(tokens, "plain", line.slice(start, i));
  }
  const key = /^([A-Za-z0-9_.\-/]+|"[^"]*"|'[^']*'):(?=\s|$)/.exec(line.slice(i));
  if (key) {
    push(tokens, "key", key[1]!);
    push(tokens, "punct", ":");
    i += key[0].length;
  }
  // A block scalar's marker (`run: |`) is structure; what follows is text.
  const block = /^(\s*)([|>][+-]?)(\s*)$/.exec(line.slice(i));
  if (block) {
    push(tokens, "plain", block[1]!);
    push(tokens, "punct", block[2]!);
    push(tokens, "plain", block[3]!);
    return tokens;
  }
  words(line, i, tokens, true);
  return tokens;
}

/** A unified diff line: file headers and hunk markers as structure, added and removed lines. */
function diffLine(line: string): Token[] {
  const tokens: Token[] = [];
  if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) {
    push(tokens, "comment", line);
  } else if (line.startsWith("+")) {
    push(tokens, "inserted", line);
  } else if (line.startsWith("-")) {
    push(tokens, "deleted", line);
  } else {
    push(tokens, "plain", line);
  }
  return tokens;
}
