import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { MailSink, type ReceivedMail } from './mail-sink.js';

export class MailServerDto {
  @ApiProperty({
    description: 'false closes the SMTP port (the mail server is away); true opens it again on the same port',
  })
  @IsBoolean()
  up!: boolean;
}

/** The SMTP sink: what it received (GET/DELETE /_sim/mail) and whether it listens (GET/PUT /_sim/mail/server). */
@ApiTags('simulator control')
@Controller('_sim/mail')
export class MailControlController {
  constructor(private readonly sink: MailSink) {}

  @Get()
  list(): ReceivedMail[] {
    return this.sink.list();
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.sink.clear();
  }

  @Get('server')
  server(): { up: boolean; port: number } {
    return { up: this.sink.up, port: this.sink.listeningPort };
  }

  @Put('server')
  async setServer(@Body() body: MailServerDto): Promise<{ up: boolean; port: number }> {
    await (body.up ? this.sink.start() : this.sink.stop());
    return this.server();
  }
}
