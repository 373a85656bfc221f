import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/html/escape-html.js';

describe('escapeHtml', () => {
  it('turns markup in text into visible characters', () => {
    expect(escapeHtml('<script>window.__xss=1</script>')).toBe('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  });

  it('escapes both quote kinds and ampersands so attribute values cannot be closed', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'> & co`)).toBe(
      '&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; co',
    );
  });

  it('keeps tabs and line breaks but drops control characters HTML and XML do not allow', () => {
    expect(escapeHtml('a\tb\r\nc\u0000d\u001be\u007f')).toBe('a\tb\r\ncde');
  });

  it('leaves ordinary text, including non-ASCII, unchanged', () => {
    expect(escapeHtml('RUN apt-get install → ok ✓')).toBe('RUN apt-get install → ok ✓');
  });
});
