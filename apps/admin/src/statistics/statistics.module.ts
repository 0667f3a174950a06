import { Module } from '@nestjs/common';
import { AuditSealModule } from '#audit';
import { StatisticsController } from './statistics.controller.js';

/** Usage statistics for operators (the console's overview and municipality pages). */
@Module({ imports: [AuditSealModule], controllers: [StatisticsController] })
export class StatisticsModule {}
