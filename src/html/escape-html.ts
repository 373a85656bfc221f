// Everything the HTML report and the dashboard show comes from build output, config files and
// registries: escaping it in one place keeps a `<script>` in a log from ever becoming markup.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// eslint-disable-next-line no-control-regex -- control characters are not allowed in HTML or XML
const DISALLOWED_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Safe for element text and for quoted attribute values, in HTML and in SVG/XML: escapes `& < > " '`
 * and drops control characters other than tab and line breaks (invalid in both languages).
 */
export function escapeHtml(text: string): string {
  return text.replace(DISALLOWED_CHARACTERS, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
