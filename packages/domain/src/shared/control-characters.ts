/**
 * Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) in text people type or upload.
 * They are invisible, break exports and terminals, and PostgreSQL refuses U+0000 in text and jsonb, so
 * text fields refuse them with a reason; multi-line fields may keep tab and line breaks.
 */
const CONTROL = /\p{Cc}/u;
const CONTROL_ALL = /\p{Cc}/gu;
const LINE_BREAKS_AND_TABS = new Set(['\t', '\n', '\r']);

export interface ControlCharacterOptions {
  /** Tab, line feed and carriage return are text here (a multi-line description). */
  allowLineBreaks?: boolean;
}

const refused = (ch: string, options: ControlCharacterOptions) =>
  !(options.allowLineBreaks && LINE_BREAKS_AND_TABS.has(ch));

/** The first refused control character as `U+0000`, or null when there is none. */
export function firstControlCharacter(text: string, options: ControlCharacterOptions = {}): string | null {
  if (!CONTROL.test(text)) return null;
  for (const ch of text) {
    if (CONTROL.test(ch) && refused(ch, options))
      return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/**
 * The text with every refused control character replaced by U+FFFD (�), so a refused value can be
 * shown and stored as the reason's evidence without the character itself.
 */
export function replaceControlCharacters(text: string, options: ControlCharacterOptions = {}): string {
  return text.replace(CONTROL_ALL, (ch) => (refused(ch, options) ? '\uFFFD' : ch));
}
