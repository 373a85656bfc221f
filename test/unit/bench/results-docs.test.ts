import { describe, expect, it } from 'vitest';
import { DOCS_END, DOCS_START, spliceIntoDocs } from '../../../bench/lib/results.js';

describe('spliceIntoDocs', () => {
  it('replaces only the generated section and keeps the prose around it', () => {
    const doc = `# P\n\nprose\n\n${DOCS_START}\nold table\n${DOCS_END}\n\nafter\n`;
    const next = spliceIntoDocs(doc, '| new |\n');
    expect(next).toBe(`# P\n\nprose\n\n${DOCS_START}\n| new |\n${DOCS_END}\n\nafter\n`);
    expect(spliceIntoDocs(next, '| newer |')).toContain('| newer |');
    expect(spliceIntoDocs(next, '| newer |')).not.toContain('| new |');
  });

  it('appends the section when the markers are missing', () => {
    expect(spliceIntoDocs('# P\n', 'x')).toBe(`# P\n\n${DOCS_START}\nx\n${DOCS_END}\n`);
  });
});
