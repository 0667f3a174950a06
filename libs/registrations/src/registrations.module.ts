import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistrationEntity } from '../../database/src/index.js';
import { RegistrationSender } from './registration-sender.js';
import { RegistrationRepository } from './registration.repository.js';
import { RegistrationService } from './registration.service.js';

/** Durable, idempotent registrations; needs UpstreamModule (global) and, for the sender, MaskinportenModule. */
@Module({
  imports: [TypeOrmModule.forFeature([RegistrationEntity])],
  providers: [RegistrationRepository, RegistrationService, RegistrationSender],
  exports: [RegistrationRepository, RegistrationService, RegistrationSender],
})
export class RegistrationsModule {}
