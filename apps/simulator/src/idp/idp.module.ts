import { Module } from '@nestjs/common';
import { IdpControlController } from '../control/idp-control.controller.js';
import { IdpLoginController } from './idp-login.controller.js';
import { IdpController } from './idp.controller.js';
import { IdpService } from './idp.service.js';

@Module({ controllers: [IdpController, IdpLoginController, IdpControlController], providers: [IdpService] })
export class IdpModule {}
