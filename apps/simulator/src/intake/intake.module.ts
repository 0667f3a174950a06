import { Module } from '@nestjs/common';
import { IntakeControlController } from './intake-control.controller.js';
import { IntakeController } from './intake.controller.js';
import { IntakeStore } from './intake-store.js';

/** Skatteetaten's declaration intake stand-in, with its control routes. */
@Module({ controllers: [IntakeController, IntakeControlController], providers: [IntakeStore] })
export class IntakeSimModule {}
