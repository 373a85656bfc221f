// Ignore rules kept in a file of their own (`imageforge scan --ignore-file`): a YAML or JSON list,
// or `{ignore: [...]}`, validated rule by rule with the same schema as imageforge.yaml.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';
import { ignoreRuleSchema } from './policy/ignore-rules.js';
import type { IgnoreRule } from './policy/scan-policy.js';

/** A bare list, or the list under `ignore:` (the shape of a `scan:` section). */
const ignoreFileSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && 'ignore' in value ? value.ignore : value),
  z.array(ignoreRuleSchema, { error: 'expected a list of ignore rules' }),
);

export async function readIgnoreFile(file: string): Promise<IgnoreRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw invalid(file, `cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) throw invalid(file, document.errors[0]?.message ?? 'not YAML/JSON');
  const parsed = ignoreFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues.at(-1);
    const where = (issue?.path ?? []).map(String).join('.');
    throw invalid(file, `${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.map((rule, index) => ({ ...rule, source: `${file} (rule ${index + 1})` }));
}

function invalid(file: string, message: string): ImageforgeError {
  return new ImageforgeError(`${file}: ${message}`, {
    code: ErrorCode.ConfigInvalid,
    category: 'config',
    hint: 'an ignore file is a list of {id, reason, package?, purl?, path?, expires: YYYY-MM-DD}',
    location: { file },
  });
}
