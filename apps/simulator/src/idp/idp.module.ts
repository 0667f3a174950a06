import { Module } from '@nestjs/common';
import { IdpControlController } from '../control/idp-control.controller.js';
import { IdpController } from './idp.controller.js';
import { IdpService } from './idp.service.js';

@Module({ controllers: [IdpController, IdpControlController], providers: [IdpService] })
export class IdpModule {}
