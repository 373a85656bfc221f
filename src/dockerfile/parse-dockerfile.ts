// Turns Dockerfile text into plain data (stages, instructions, global ARGs) with rcjsuen's
// dockerfile-ast, and rejects what Docker itself would reject at parse time, with file:line.
import { readFile } from 'node:fs/promises';
import {
  Arg as ArgInstruction,
  DockerfileParser,
  From,
  Keyword,
  ModifiableInstruction,
  type Arg,
  type Instruction,
} from 'dockerfile-ast';
import type { ImageforgeError } from '../errors/imageforge-error.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { dockerfileMissingError, dockerfileSyntaxError } from './dockerfile-errors.js';
import { checkInstructionFlag } from './flag-rules.js';
import type {
  DockerfileInstruction,
  DockerfileStage,
  GlobalArgDefinition,
  ParsedDockerfile,
} from './parsed-dockerfile.js';

const KEYWORDS: ReadonlySet<string> = new Set(Object.values(Keyword));
/** BuildKit's rule for `AS name` (frontend/dockerfile/instructions/parse.go). */
const STAGE_NAME = /^[a-z][a-z0-9._-]*$/;

export async function readDockerfile(file: string): Promise<ParsedDockerfile> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw dockerfileMissingError(file, error);
  }
  return parseDockerfile(file, content);
}

/** Parses a Dockerfile; throws IMAGEFORGE_DOCKERFILE_SYNTAX (with file:line) for what Docker rejects. */
export function parseDockerfile(file: string, content: string): ParsedDockerfile {
  const nul = content.indexOf('\0');
  if (nul >= 0) {
    const line = content.slice(0, nul).split('\n').length;
    throw syntaxError(file, line, `not a text file (a NUL byte on line ${line})`);
  }
  const dockerfile = DockerfileParser.parse(content);
  const lines = content.split('\n');
  const stages: DockerfileStage[] = [];
  const instructions: DockerfileInstruction[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const line = instruction.getRange().start.line + 1;
    const keyword = instruction.getKeyword();
    checkInstruction(file, instruction, stages.length > 0);
    if (instruction instanceof From) stages.push(toStage(file, instruction, stages));
    instructions.push({
      keyword,
      line,
      stageIndex: stages.length - 1,
      flags:
        instruction instanceof ModifiableInstruction
          ? instruction.getFlags().map((flag) => flag.toString())
          : [],
      text: sourceText(lines, instruction),
    });
  }
  if (stages.length === 0) {
    throw dockerfileSyntaxError(
      file,
      undefined,
      `${file} has no FROM instruction`,
      'A Dockerfile must start a build stage with FROM <image>.',
    );
  }
  const initialArgs = dockerfile.getInitialARGs();
  const syntax = dockerfile
    .getDirectives()
    .find((directive) => directive.getName().toLowerCase() === 'syntax');
  return {
    file,
    content,
    ...(syntax ? { syntax: syntax.getValue() } : {}),
    escapeCharacter: dockerfile.getEscapeCharacter(),
    globalArgs: globalArgDefaults(initialArgs),
    globalArgDefinitions: globalArgDefinitions(initialArgs),
    stages,
    instructions,
  };
}

function checkInstruction(file: string, instruction: Instruction, inStage: boolean): void {
  const line = instruction.getRange().start.line + 1;
  const keyword = instruction.getKeyword();
  if (!KEYWORDS.has(keyword)) {
    const written = instruction.getInstruction();
    const shown = /\p{Cc}/u.test(written) ? JSON.stringify(written) : written;
    throw syntaxError(file, line, `unknown instruction: ${shown}${didYouMean(keyword, KEYWORDS)}`);
  }
  if (!inStage && keyword !== 'ARG' && keyword !== 'FROM') {
    throw syntaxError(file, line, `${keyword} before the first FROM: only ARG may come before FROM`);
  }
  if (instruction.getArguments().length === 0 && keyword !== 'FROM') {
    throw syntaxError(file, line, `${keyword} requires at least one argument`);
  }
  if (instruction instanceof ModifiableInstruction) {
    for (const flag of instruction.getFlags()) {
      const problem = checkInstructionFlag(keyword, flag);
      if (problem !== undefined) throw syntaxError(file, flag.getRange().start.line + 1, problem);
    }
  }
  if (
    instruction instanceof ArgInstruction &&
    instruction.getProperties().some((arg) => arg.getName() === '')
  ) {
    throw syntaxError(file, line, 'ARG names can not be blank (write ARG NAME or ARG NAME=value)');
  }
}

function toStage(file: string, from: From, earlier: DockerfileStage[]): DockerfileStage {
  const line = from.getRange().start.line + 1;
  const image = from.getImage();
  const args = from.getArguments().map((argument) => argument.getValue());
  if (image === null || args.length === 0) throw syntaxError(file, line, 'FROM requires an image');
  if (args.length !== 1 && (args.length !== 3 || args[1]?.toLowerCase() !== 'as')) {
    throw syntaxError(file, line, 'FROM requires either one or three arguments: FROM <image> [AS <name>]');
  }
  const stage: DockerfileStage = { index: earlier.length, from: image, line };
  const platform = from.getPlatformFlag()?.getValue();
  if (platform) stage.platform = platform;
  const name = args[2]?.toLowerCase();
  if (name !== undefined) {
    if (!STAGE_NAME.test(name))
      throw syntaxError(
        file,
        line,
        `invalid stage name "${args[2]}": use letters, digits, ".", "_" and "-", starting with a letter`,
      );
    const duplicate = earlier.find((other) => other.name === name);
    if (duplicate)
      throw syntaxError(
        file,
        line,
        `duplicate stage name "${name}" (first defined on line ${duplicate.line})`,
      );
    stage.name = name;
  }
  return stage;
}

function globalArgDefinitions(args: Arg[]): GlobalArgDefinition[] {
  return args.flatMap((arg) =>
    arg.getProperties().map((property) => {
      const rawValue = property.getUnescapedValue();
      const definition: GlobalArgDefinition = {
        name: property.getName(),
        line: arg.getRange().start.line + 1,
      };
      if (rawValue !== null) definition.rawValue = rawValue;
      return definition;
    }),
  );
}

/** Name -> default with quotes removed, as a reader would state it; undefined = no default. */
function globalArgDefaults(args: Arg[]): Record<string, string | undefined> {
  const defaults: Record<string, string | undefined> = {};
  for (const property of args.flatMap((arg) => arg.getProperties())) {
    defaults[property.getName()] = property.getValue() ?? undefined;
  }
  return defaults;
}

function sourceText(lines: string[], instruction: Instruction): string {
  const range = instruction.getRange();
  return lines
    .slice(range.start.line, range.end.line + 1)
    .map((line) => line.replace(/\r$/, ''))
    .join('\n');
}

function syntaxError(file: string, line: number, message: string): ImageforgeError {
  return dockerfileSyntaxError(file, line, message);
}
