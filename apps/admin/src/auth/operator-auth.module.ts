import { Global, Module } from '@nestjs/common';
import { OperatorAuthGuard } from './operator-auth.guard.js';
import { OperatorTokenVerifier } from './operator-token-verifier.js';

/** Operator authentication for every admin controller (global, so any admin module can use the guard). */
@Global()
@Module({ providers: [OperatorTokenVerifier, OperatorAuthGuard], exports: [OperatorTokenVerifier, OperatorAuthGuard] })
export class OperatorAuthModule {}
