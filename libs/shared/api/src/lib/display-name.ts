import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, isEmail, IsString, Matches, MaxLength } from 'class-validator';
import { coded } from './validation';

/** The longest display name kept (the width of `users.display_name`). */
export const DISPLAY_NAME_MAX_LENGTH = 120;

/** Runs of white space of any kind: tabs, line breaks, no-break, ideographic and other spaces. */
const SPACES = /\p{White_Space}+/gu;
/**
 * What shows nothing and may change how the rest reads: controls (Cc), format characters (Cf: bidi
 * marks, embeddings, overrides and isolates, zero-width spaces and joiners, the BOM, the soft hyphen) and
 * the other default-ignorable code points (Hangul fillers, variation selectors, …).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** A name shows something when a letter or a digit is left. */
const VISIBLE = /[\p{L}\p{N}]/u;

/**
 * A person's name as it is kept and shown to others: white space collapsed to single spaces, invisible
 * characters dropped (a name cannot reverse the text around it in a roster, or pass for blank or for
 * another name), trimmed, composed to NFC (the same name is the same string, for search and sorting).
 */
export function normalizeDisplayName(raw: string): string {
  return raw.replace(SPACES, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim().normalize('NFC');
}

/** Whether a (normalised) name has a letter or a digit: something a reader can see. */
export function isVisibleDisplayName(name: string): boolean {
  return VISIBLE.test(name);
}

/**
 * The DTO rule for a person's name wherever it enters: the value is normalised
 * ({@link normalizeDisplayName}), then refused, naming the field, when nothing visible is left or it is
 * longer than {@link DISPLAY_NAME_MAX_LENGTH}.
 */
export function IsDisplayName(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normalizeDisplayName(value) : value,
    ),
    IsString(),
    Matches(VISIBLE, coded('no-visible-character', '$property must contain a visible letter or digit')),
    MaxLength(DISPLAY_NAME_MAX_LENGTH),
  );
}

/**
 * An e-mail address as the platform stores one: valid (validator.js's rules, which let invisible and
 * bidi characters into the local part) and free of white space and of what {@link normalizeDisplayName}
 * drops: `a\u202Eexe.pdf@x.org` would otherwise show in a roster as another address.
 */
export function isPlainEmail(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    isEmail(value) &&
    !/[\p{White_Space}]/u.test(value) &&
    !new RegExp(INVISIBLE.source, 'u').test(value)
  );
}

/** The DTO rule for an address the platform will store. */
export function IsPlainEmail(): PropertyDecorator {
  return applyDecorators(
    IsEmail(),
    Matches(
      /^[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u,
      coded('hidden-characters', '$property must not hold invisible or direction-changing characters'),
    ),
  );
}
