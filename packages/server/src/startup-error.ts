/** A problem at start-up that the operator can fix: printed as one line, exit code 1, no stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}
