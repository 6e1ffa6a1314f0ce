export const JOIN_CODE_LENGTH = 10;

/** What a person typed, as the server compares it: capitals, no spaces or dashes. */
export function normaliseJoinCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(value: string): boolean {
  return /^[A-Z0-9]+$/.test(value) && value.length === JOIN_CODE_LENGTH;
}
