import { Module } from '@nestjs/common';
import { SimObservabilityController } from '../control/sim-observability.controller.js';
import { BeslutningRegistry } from './beslutning-registry.js';
import { BeslutningerControlController } from './beslutninger-control.controller.js';
import { ConcurrencyControlController } from './concurrency-control.controller.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { FixtureStore } from './fixture-store.js';
import { InntektHandler } from './inntekt.handler.js';
import { SamordnetTrekkAnswers, SamordnetTrekkControlController } from './samordnet-trekk-control.controller.js';
import { SkatteetatenPipeline } from './skatteetaten-pipeline.js';
import { SkatteetatenRoutes } from './skatteetaten-routes.js';
import { SummertSkattegrunnlagHandler } from './summert-skattegrunnlag.handler.js';
import { TokenVerifier } from './token-verifier.js';
import { UtleggstrekkHandler } from './utleggstrekk.handler.js';
import { VedleggControlController } from './vedlegg-control.controller.js';
import { VedleggStore } from './vedlegg-store.js';

/** Skatteetaten's three services (DESIGN §9) and the request log / fault control API. */
@Module({
  controllers: [
    SimObservabilityController,
    BeslutningerControlController,
    ConcurrencyControlController,
    SamordnetTrekkControlController,
    VedleggControlController,
  ],
  providers: [
    FixtureStore,
    TokenVerifier,
    ConcurrencyGate,
    BeslutningRegistry,
    VedleggStore,
    SamordnetTrekkAnswers,
    InntektHandler,
    SummertSkattegrunnlagHandler,
    UtleggstrekkHandler,
    SkatteetatenPipeline,
    SkatteetatenRoutes,
  ],
})
export class SkatteetatenSimModule {}
