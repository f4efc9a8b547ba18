/**
 * The slice of @npmcli/arborist (which ships no types) that the dependency-tree fetcher uses.
 * Only read-only node facts of an ideal tree: nothing here installs or runs anything.
 */
declare module "@npmcli/arborist" {
  interface ArboristEdge {
    readonly name: string;
    /** prod | dev | optional | peer | peerOptional | workspace */
    readonly type: string;
    readonly to: ArboristNode | null;
    /** The spec as the dependent wrote it. */
    readonly spec: string;
  }

  interface ArboristNode {
    readonly name: string;
    readonly packageName: string;
    readonly version: string;
    readonly resolved: string | null;
    readonly isLink: boolean;
    readonly target: ArboristNode;
    readonly optional: boolean;
    readonly hasInstallScript: boolean;
    readonly package: Record<string, unknown>;
    readonly edgesOut: Map<string, ArboristEdge>;
    readonly isRoot: boolean;
    /** Every node of the tree, keyed by location (on the root). */
    readonly inventory: Map<string, ArboristNode>;
    /** Why it could not be loaded (a refused spec: code EALLOWGIT and the like); empty when loaded. */
    readonly errors: readonly unknown[];
  }

  class Arborist {
    constructor(options: Record<string, unknown>);
    buildIdealTree(options?: Record<string, unknown>): Promise<ArboristNode>;
    /** The tree buildIdealTree built: still set when it throws at its final checks. */
    readonly idealTree: ArboristNode | null;
  }

  export default Arborist;
  export type { ArboristEdge, ArboristNode };
}
