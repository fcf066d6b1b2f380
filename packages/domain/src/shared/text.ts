import { z } from 'zod';
import { firstControlCharacter } from './control-characters.ts';
import { textProblem } from './storable.ts';

export interface StoredTextOptions {
  /** Tab and line breaks are text here (a description); every other control character is refused. */
  multiLine?: boolean;
}

/**
 * Why text a person typed cannot be kept as it is, or null: control characters (NUL, which PostgreSQL
 * cannot store at all, escape, DEL…; a multi-line field keeps tab and line breaks) and lone UTF-16
 * surrogates (no Unicode character: JSON and jsonb refuse them).
 */
export function storedTextProblem(text: string, options: StoredTextOptions = {}): string | null {
  const control = firstControlCharacter(text, { allowLineBreaks: options.multiLine });
  if (control) return `may not hold control characters (${control}); remove it`;
  const problem = textProblem(text);
  return problem ? `${problem.replace(/^contains/, 'holds')}; remove it` : null;
}

/**
 * A string the platform stores — a name, a description, a search text: refuses what
 * `storedTextProblem` refuses, with `label` in the message ("The name may not hold control characters
 * (U+0000); remove it"). Chain the field's own rules after it: `storedText('The name').trim().min(1)`.
 */
export function storedText(label = 'The text', options: StoredTextOptions = {}) {
  return z.string().superRefine((text, ctx) => {
    const problem = storedTextProblem(text, options);
    if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
  });
}
