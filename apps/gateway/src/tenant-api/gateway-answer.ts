/** What the gateway sends back for a tenant request that succeeded (errors are thrown as DomainError). */
export interface GatewayAnswer {
  status: number;
  contentType: string;
  body: Buffer | string;
  headers: Record<string, string>;
}
