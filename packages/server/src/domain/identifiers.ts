import { z } from 'zod';
import { LIMITS } from './limits.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A request id, unit id or other opaque id: 1–200 characters, no control characters. */
export const OpaqueIdSchema = z
  .string()
  .min(1, 'expected a non-empty string')
  .max(LIMITS.idLength, `expected at most ${LIMITS.idLength} characters`)
  .refine((s) => !CONTROL.test(s), 'expected no control characters');

/** A model, version, variant, error type or score name: letters, digits and `._:/-`, 1–200 characters. */
export const NameSchema = z
  .string()
  .min(1, 'expected a non-empty string')
  .max(LIMITS.idLength, `expected at most ${LIMITS.idLength} characters`)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/,
    'expected letters, digits and . _ : / @ + - (starting with a letter or digit)',
  );

/** A project id: lower-case letters, digits and `-`, 1–64 characters. */
export const ProjectIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected 1–64 lower-case letters, digits or -, starting with a letter or digit');
