// Build output carries ANSI colours and cursor moves. They must not reach XML, width calculations or a
// stream whose user turned colour off, so every consumer strips them the same way.
/* eslint-disable no-control-regex -- matching control characters is this file's whole job */

const ANSI_SEQUENCE =
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const LINE_BREAKS = /[\r\n\t]+/g;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** One display line: no escapes, no line breaks or tabs that would break a fixed-width layout. */
export function toSingleLine(text: string): string {
  return stripAnsi(text).replace(LINE_BREAKS, ' ').replace(CONTROL_CHARACTERS, '');
}
