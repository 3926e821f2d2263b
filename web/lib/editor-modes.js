// Stream tokenizers for the two front-end languages that CodeMirror's legacy modes lack: Laravel's PHP
// migrations and Prisma schemas. Both are C-like (braces, `//` and `/* */` comments, quoted strings), so they are
// `clike` configurations, as legacy-modes defines Java or Kotlin; each adds what sets its language apart: PHP's
// `$variables`, `#` comments and `<?php` tag; Prisma's block keywords, scalar types and `@`/`@@` attributes.
import { clike } from '@codemirror/legacy-modes/mode/clike';

const words = (text) => Object.fromEntries(text.split(' ').map((word) => [word, true]));

export const php = clike({
  name: 'php',
  keywords: words(
    'abstract and as break case catch class clone const continue declare default do echo else elseif empty ' +
      'enddeclare endfor endforeach endif endswitch endwhile enum extends final finally fn for foreach function ' +
      'global goto if implements include include_once instanceof insteadof interface isset list match namespace ' +
      'new or print private protected public readonly require require_once return static switch throw trait try ' +
      'unset use var while xor yield',
  ),
  builtin: words('self parent'),
  atoms: words('true false null TRUE FALSE NULL'),
  namespaceSeparator: '\\',
  hooks: {
    $: (stream) => {
      stream.eatWhile(/[\w]/);
      return 'variable-2';
    },
    '#': (stream) => {
      stream.skipToEnd();
      return 'comment';
    },
    '<': (stream) => (stream.match('?php') ? 'meta' : false),
  },
});

export const prisma = clike({
  name: 'prisma',
  keywords: words('model datasource generator enum type view'),
  types: words('String Int BigInt Float Decimal Boolean DateTime Json Bytes Unsupported'),
  atoms: words('true false null'),
  hooks: {
    '@': (stream) => {
      stream.eat('@');
      stream.eatWhile(/[\w.]/);
      return 'meta';
    },
  },
});
