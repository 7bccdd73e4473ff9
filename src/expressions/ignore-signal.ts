/**
 * Thrown (and caught only by `CompiledExpression.evaluate`) when IgnoreFlowIfNullOrEmpty,
 * IgnoreAttributeFlow or IgnoreObjectFlow is reached: the whole attribute flow is skipped, wherever in the
 * expression the marker was evaluated. An exception keeps every other function free of ignore checks.
 */
export class IgnoreSignal {
  constructor(readonly object: boolean) {}
}
