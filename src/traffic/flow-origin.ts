/**
 * Where a ping pair or UDP stream comes from in the scenario: its `traffic:` item and the groups of
 * its two ends, so the report can pool latency samples per item and per group. One object is
 * shared by every pair of an item with the same two groups (a capacity study makes 16,256 pairs).
 */
export interface FlowOrigin {
  /** Index of the item in the scenario's `traffic:` list. */
  readonly item: number;
  /** The sender's group: a VM's tenant, `host:NAME` for a host, the address for one outside. */
  readonly fromGroup: string;
  /** The receiver's group, named the same way. */
  readonly toGroup: string;
}

/** For a source made outside a scenario (unit tests): item -1, no groups. */
export const NO_ORIGIN: FlowOrigin = { item: -1, fromGroup: '', toGroup: '' };
