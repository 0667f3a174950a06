import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule, LoggingModule } from '#core';
import { HealthModule, MetricsModule } from '#runtime';
import { SimCommonModule } from './common/sim-common.module.js';
import { IntakeSimModule } from './intake/intake.module.js';
import { MailSimModule } from './mail/mail.module.js';
import { MaskinportenSimModule } from './maskinporten/maskinporten-sim.module.js';
import { SkatteetatenSimModule } from './skatteetaten/skatteetaten-sim.module.js';

/** Stand-in for Maskinporten and Skatteetaten (DESIGN §9), and an SMTP sink for the e-mail notices; holds its state in memory. */
@Module({})
export class SimulatorModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SimulatorModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'simulator'),
        MetricsModule.forRoot(config),
        HealthModule.register([]),
        SimCommonModule,
        MaskinportenSimModule,
        SkatteetatenSimModule,
        IntakeSimModule,
        MailSimModule,
      ],
    };
  }
}
