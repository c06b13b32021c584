/** The value if it is one of `allowed` (e.g. a vocabulary read from the URL), else undefined. */
export function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((x) => x === value);
}
