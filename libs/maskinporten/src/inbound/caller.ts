import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who called the gateway, from a verified Maskinporten token. */
export interface Caller {
  /** The municipality (`consumer`), 9 digits. */
  consumerOrgnr: string;
  /** The vendor acting for the municipality (`supplier`), when delegated. */
  supplierOrgnr?: string;
  /** For logs only, never for access control. */
  clientId: string;
  scopes: string[];
  tokenId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** The verified caller that MaskinportenAuthGuard put on the request. */
export const VerifiedCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ user: Caller }>().user;
});
