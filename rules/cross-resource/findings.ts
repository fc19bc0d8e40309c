// Findings only cross-resource checks give.

export type CrossResourceFindingDetail = {
  /**
   * Resource level: where these hostnames serve from is decided by another resource (an EdgeOne
   * zone, an ESA site, GA IP sets, a GAAP proxy, a named Live domain), which a resource policy
   * cannot see. The stack policy checks them.
   */
  kind: "coverage-elsewhere";
  /** Custom hostnames without an approved filing. */
  hostnames: { hostname: string; registeredDomain: string; secret: boolean }[];
  /** What the other resource is ("EdgeOne zone") and the property naming it. */
  what: string;
  property: string;
  linkValue?: string;
  linkSecret: boolean;
  /** The policy that settles it over the stack. */
  stackPolicy: string;
};
