// JSON Schema (draft 2020-12) of imageforge.yaml for editor completion and validation, generated from
// the same zod schemas the loader uses so the two can never disagree.
import * as z from 'zod';
import { configFileSchema } from './config-schema.js';
import { acceptsStringForm } from './schema-fields.js';

export const CONFIG_SCHEMA_ID = 'https://imageforge.dev/schema/imageforge.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // Fields that also accept a string form (`${VAR}` templates, `env:NAME` secrets).
      const alternative = acceptsStringForm.get(zodSchema);
      if (alternative === undefined) return;
      const original = { ...jsonSchema };
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
      jsonSchema.anyOf = [original, alternative];
    },
  }) as Record<string, unknown>;
  return {
    ...schema,
    patternProperties: { '^x-': {} },
    $id: CONFIG_SCHEMA_ID,
    title: 'imageforge.yaml',
    description: 'Images to build with Docker BuildKit, their dependencies, defaults and profiles.',
  };
}
