import { Module } from '@nestjs/common';
import { MailControlController } from './mail-control.controller.js';
import { MailSink } from './mail-sink.js';

/** The SMTP sink (SIMULATOR_SMTP_PORT, default 2525) and its control routes. */
@Module({ controllers: [MailControlController], providers: [MailSink] })
export class MailSimModule {}
