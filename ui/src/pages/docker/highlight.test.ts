import { describe, expect, it } from "vitest";
import { highlight, type Language, type Token } from "./highlight";

/** The line's tokens as `kind:text` pairs, for compact expectations. */
const kinds = (line: Token[] | undefined) => (line ?? []).map((t) => `${t.kind}:${t.text}`);

const DOCKERFILE = [
  "# syntax=docker/dockerfile:1",
  "ARG GO_VERSION=1.22",
  "FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build",
  "RUN --mount=type=cache,target=/go/pkg/mod \\",
  "    # the module cache is shared by all platforms",
  "",
  '    GOPROXY="${GOPROXY}" go mod download',
  'ENTRYPOINT ["/app"]',
].join("\n");

describe("highlight", () => {
  it("never changes a character, whatever the language and input", () => {
    const samples = [
      DOCKERFILE,
      "a\r\nb\\\n\\",
      "key: 'unterminated\n- \"x\n  run: |\n    echo ${{ secrets.TOKEN }} $",
      "!keep\n# c\n**/*.go\n",
      "docker build --secret id=netrc,src=$HOME/.netrc -t app:dev . # done",
      "",
      "$$${ ${{ '\"\\",
    ];
    const languages: Language[] = ["dockerfile", "ignore", "shell", "yaml", "diff"];
    for (const text of samples) {
      for (const language of languages) {
        const lines = highlight(text, language);
        expect(lines.map((l) => l.map((t) => t.text).join("")).join("\n")).toBe(text);
        for (const line of lines) for (const t of line) expect(t.text).not.toBe("");
      }
    }
  });

  it("marks Dockerfile instructions, flags, variables, strings and comments", () => {
    const lines = highlight(DOCKERFILE, "dockerfile");
    expect(kinds(lines[0])).toEqual(["comment:# syntax=docker/dockerfile:1"]);
    expect(kinds(lines[1])).toEqual(["keyword:ARG", "plain: GO_VERSION=1.22"]);
    expect(kinds(lines[2])).toEqual([
      "keyword:FROM",
      "plain: ",
      "flag:--platform",
      "plain:=",
      "variable:$BUILDPLATFORM",
      "plain: golang:",
      "variable:${GO_VERSION}",
      "plain:-bookworm ",
      "keyword:AS",
      "plain: build",
    ]);
    expect(kinds(lines[3])[0]).toBe("keyword:RUN");
    expect(kinds(lines[4])).toEqual([
      "plain:    ",
      "comment:# the module cache is shared by all platforms",
    ]);
    // Continued after a comment and an empty line: `GOPROXY=...` is no instruction.
    expect(kinds(lines[6])).toEqual([
      "plain:    GOPROXY=",
      'string:"${GOPROXY}"',
      "plain: go mod download",
    ]);
    expect(kinds(lines[7])).toEqual(["keyword:ENTRYPOINT", "plain: [", 'string:"/app"', "plain:]"]);
  });

  it("does not take an instruction's name inside a continued line for a keyword", () => {
    const lines = highlight("RUN echo \\\n  from here", "dockerfile");
    expect(kinds(lines[1])).toEqual(["plain:  from here"]);
  });

  it("marks YAML keys, list dashes, block markers, expressions and comments", () => {
    const yaml = [
      "jobs:",
      "  build:",
      "    # why",
      "    - name: Build",
      "      run: |",
      "        echo ${{ secrets.NETRC }} | docker login",
      '      url: "http://x#y" # note',
    ].join("\n");
    const lines = highlight(yaml, "yaml");
    expect(kinds(lines[0])).toEqual(["key:jobs", "punct::"]);
    expect(kinds(lines[2])).toEqual(["plain:    ", "comment:# why"]);
    expect(kinds(lines[3])).toEqual([
      "plain:    ",
      "punct:-",
      "plain: ",
      "key:name",
      "punct::",
      "plain: Build",
    ]);
    expect(kinds(lines[4])).toEqual(["plain:      ", "key:run", "punct::", "plain: ", "punct:|"]);
    expect(kinds(lines[5])).toContain("variable:${{ secrets.NETRC }}");
    expect(kinds(lines[6])).toEqual([
      "plain:      ",
      "key:url",
      "punct::",
      "plain: ",
      'string:"http://x#y"',
      "plain: ",
      "comment:# note",
    ]);
  });

  it("marks the command, its flags and variables in a shell line", () => {
    const [line] = highlight("docker buildx build --secret id=netrc,src=$HOME/.netrc .", "shell");
    expect(kinds(line)).toEqual([
      "keyword:docker",
      "plain: buildx build ",
      "flag:--secret",
      "plain: id=netrc,src=",
      "variable:$HOME",
      "plain:/.netrc .",
    ]);
  });

  it("marks .dockerignore comments and exceptions", () => {
    const lines = highlight("# not sent\n!go.sum\n*.md", "ignore");
    expect(kinds(lines[0])).toEqual(["comment:# not sent"]);
    expect(kinds(lines[1])).toEqual(["punct:!", "plain:go.sum"]);
    expect(kinds(lines[2])).toEqual(["plain:*.md"]);
  });

  it("marks added and removed lines of a diff, and its headers", () => {
    const lines = highlight(
      "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-FROM a\n+FROM b\n x",
      "diff",
    );
    expect(lines.map((l) => l[0]?.kind)).toEqual([
      "comment",
      "comment",
      "comment",
      "deleted",
      "inserted",
      "plain",
    ]);
  });
});
