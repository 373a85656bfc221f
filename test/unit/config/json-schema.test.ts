import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/config/index.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

function imageSchema(schema: Schema): Schema {
  const images = schema.properties?.images as Schema & { additionalProperties?: Schema };
  return images.additionalProperties ?? {};
}

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as Schema;

  it('is a draft 2020-12 schema with an id and the top-level sections', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^https:\/\//);
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['version', 'variables', 'settings', 'defaults', 'profiles', 'images']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'images']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ '^x-': {} });
  });

  it('describes every image field and rejects unknown ones', () => {
    const image = imageSchema(schema);
    expect(Object.keys(image.properties ?? {}).sort()).toEqual(
      [
        'args',
        'builder',
        'cache',
        'context',
        'dependsOn',
        'dockerfile',
        'labels',
        'legacy',
        'network',
        'noCache',
        'platforms',
        'pull',
        'retry',
        'scan',
        'secrets',
        'sign',
        'tags',
        'target',
        'test',
        'timeout',
      ].sort(),
    );
    expect(image.additionalProperties).toBe(false);
  });

  it('allows the string forms the loader accepts (templates, secret shorthands)', () => {
    const image = imageSchema(schema);
    expect(JSON.stringify(image.properties?.pull)).toContain('\\\\$\\\\{');
    expect(JSON.stringify(image.properties?.secrets)).toContain('^(env|file):.+');
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
