/** The endpoint could not be checked at all (bad URL, nothing listening): exit code 2. */
export class CheckAppCouldNotRun extends Error {
  override readonly name = "CheckAppCouldNotRun";
}
