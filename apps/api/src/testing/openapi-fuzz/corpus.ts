/** What the fuzzer sends: hostile strings and ids, broken JSON and CSV, wrong content types. */

export const ONE_MB = 1024 * 1024;

/** Strings that are hostile in a text field: unicode edge cases, injections, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\uD800', // lone high surrogate
  'abc\uDC00def', // lone low surrogate
  '\u202Egnp.exe', // right-to-left override
  'a\u200Bb\u200Cc\u200Dd\uFEFF', // zero-width characters and a BOM
  'nul\u0000byte',
  '\u0000',
  '\u0007\u001b[31mred\u001b[0m\r\n\t',
  '👩🏽‍💻🇲🇦🏳️‍🌈',
  '\u00e9t\u00e9', // NFC
  'e\u0301te\u0301', // NFD
  '\uFFFF\uFFFE',
  '\u{10FFFF}',
  'Z̴̡̧̛̛̛͖̱̗̱̥̠̮̞͇̳̝͓̹̘̯̟̖͔͍̆͗̈́̽̈́͐̀̍̈̓̀̈́̊̐̓̀̈̔̇̐͘͝͝ͅa̷l̸g̵o̶',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5)--',
  '" OR ""="',
  "\\'; --",
  '$1',
  '%s%s%s%n',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '__proto__',
  'constructor',
  '',
  ' ',
  '\u00a0\u2028\u2029',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
];

/** Path segments (already URL-encoded or raw on purpose) that must never reach a file or a query. */
export const HOSTILE_IDS: readonly string[] = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..%252F..%252Fetc%252Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//etc',
  '..',
  '.',
  '%00',
  'abc%00def',
  '%',
  '%E0%A4%A',
  '%C0%AE%C0%AE%2F',
  "1'%20OR%20'1'%3D'1",
  '1%3B%20DROP%20TABLE%20users%3B--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '%7B0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b%7D',
  '0b0b0b0b0b0b4b0b8b0b0b0b0b0b0b0b',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%EF%BB%BF',
  'a'.repeat(300),
  'a'.repeat(10_000),
];

/** Bodies that are not JSON, or JSON that is broken in some way. */
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '}',
  '[',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'nul',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":0x10}',
  '\uFEFF{"a":1}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\u0000"}',
  '{"\\u0000":1}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '"just a string"',
  '12345',
  'true',
  'null',
  '[]',
  '[{}]',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  ' ',
  '\u0000',
  '<?xml version="1.0"?><a>1</a>',
  'a=1&b=2',
];

/** A NUL or a lone surrogate as JSON.stringify writes them: refused before the other rules run. */
export const UNUSABLE_IN_JSON = /\\u0000|\\ud[89a-f]/i;

export const WRONG_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'text/csv',
  'image/png',
  'application/json, text/csv',
  ';;;',
];

/** Malformed CSV files for the enrolment import: none of their rows may be a valid person. */
export const MALFORMED_CSV: readonly string[] = [
  '',
  '\n\n\n',
  'email;full name;territory code;preferred language',
  'email;full name;territory code;preferred language\n"unterminated;x;MA-02;fr',
  'email;full name;territory code;preferred language\nnot-an-email;Name;MA-02;fr',
  'email,full name,territory code,preferred language\nnot-an-email,Name,MA-02,fr',
  'email\tfull name\nnot-an-email\tName',
  '\uFEFFemail;full name\n;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;',
  'a;b;c\n1;2\n1;2;3;4;5',
  'email;full name;territory code;preferred language\n=cmd|\' /C calc\'!A0;=HYPERLINK("x");MA-02;fr',
  'email;full name;territory code;preferred language\n\u0000;\u0000;\u0000;\u0000',
  'email;full name;territory code;preferred language\n"a""b;c;"d;e',
  'email;full name;territory code;preferred language\n' + 'x'.repeat(ONE_MB),
  'email;full name;territory code;preferred language\n' + 'bad-email;n;XX-99;fr\n'.repeat(10_000),
  'email;' + 'col;'.repeat(10_000),
  '\r\r\r;\r;\r',
  'email;full name;territory code;preferred language\n\uD800@x;\u202Ename;MA-02;ar',
  "email;full name;territory code;preferred language\n' OR 1=1 --;x;' OR 1=1 --;fr",
  'email;full name;territory code;preferred language\n<script>alert(1)</script>;x;MA-02;xx',
];

/** Invalid UTF-8 as raw bytes (a CSV file saved in the wrong encoding, or garbage). */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe, 0x00, 0x65, 0x00, 0x6d]),
  Buffer.from([0xc3, 0x28, 0x3b, 0xa0, 0xa1]),
  Buffer.from('email;full name\nr\xe9mi@x;R\xe9mi', 'latin1'),
];

/**
 * encodeURIComponent that also takes lone surrogates (which it refuses): they go out as the bytes a
 * careless encoder would send (CESU/WTF-8), which are not valid UTF-8.
 */
export function encodeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i] as string);
    }
  }
  return out;
}
