import { Module } from '@nestjs/common';
import { IncidentsModule } from '#incidents';
import { IncidentsController } from './incidents.controller.js';

/** The incident routes of the admin API (issue 8). */
@Module({
  imports: [IncidentsModule],
  controllers: [IncidentsController],
})
export class IncidentsAdminModule {}
