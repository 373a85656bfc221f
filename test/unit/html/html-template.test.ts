import { describe, expect, it } from 'vitest';
import { markup, trustedHtml } from '../../../src/html/html-template.js';

describe('markup', () => {
  it('escapes interpolated strings in text and attributes', () => {
    const name = '"><script>alert(1)</script>';

    expect(String(markup`<a title="${name}">${name}</a>`)).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>',
    );
  });

  it('keeps nested templates and trusted markup as markup, and joins arrays', () => {
    const items = ['a<b', 'c'].map((item) => markup`<li>${item}</li>`);

    expect(String(markup`<ul>${items}</ul>${trustedHtml('<svg></svg>')}`)).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><svg></svg>',
    );
  });

  it('renders numbers and drops null, undefined and false', () => {
    expect(String(markup`${3}|${null}|${undefined}|${false}|${0}`)).toBe('3||||0');
  });
});
