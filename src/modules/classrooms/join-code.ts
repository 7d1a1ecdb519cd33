import { randomInt } from 'node:crypto';

/** Letters and digits a student cannot misread on a projector (no 0/O, 1/I/L, 5/S, 2/Z). */
const ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';
const LENGTH = 8;

/** A fresh join code: 8 characters, about 38 bits, e.g. `K7QMX9PA`. */
export function generateJoinCode(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** What a student typed, as stored: upper case, spaces and dashes dropped (`k7qm-x9pa` works). */
export function normalizeJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}
