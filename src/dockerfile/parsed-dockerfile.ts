// The plain-data view of a Dockerfile that the rest of imageforge consumes (no parser objects leak out).

export interface DockerfileStage {
  /** 0-based position among the FROM instructions. */
  index: number;
  /** `AS name`, lower-cased as BuildKit does; undefined for unnamed stages. */
  name?: string;
  /** The image reference exactly as written (ARGs not substituted). */
  from: string;
  /** Value of `--platform=`, as written. */
  platform?: string;
  /** 1-based line of the FROM instruction. */
  line: number;
}

export interface DockerfileInstruction {
  /** Upper-cased keyword, e.g. `RUN`. */
  keyword: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** Index of the stage the instruction belongs to; -1 for global ARGs before the first FROM. */
  stageIndex: number;
  /** Flags as written, e.g. `--mount=type=cache,target=/x`. */
  flags: string[];
  /** The instruction's source text, continuation lines and heredoc bodies included. */
  text: string;
}

/** One `NAME[=default]` of an ARG before the first FROM, in declaration order. */
export interface GlobalArgDefinition {
  name: string;
  /** The default as written, quotes kept (so `'$X'` stays literal when expanded); undefined = no default. */
  rawValue?: string;
  line: number;
}

export interface ParsedDockerfile {
  file: string;
  content: string;
  /** Value of the `# syntax=` parser directive. */
  syntax?: string;
  /** `# escape=` directive value, `\` by default. */
  escapeCharacter: string;
  /** ARGs declared before the first FROM: name -> default with quotes removed (undefined = no default). */
  globalArgs: Record<string, string | undefined>;
  /** The same ARGs in declaration order, for substitution that must follow Docker's order. */
  globalArgDefinitions: GlobalArgDefinition[];
  stages: DockerfileStage[];
  instructions: DockerfileInstruction[];
}
