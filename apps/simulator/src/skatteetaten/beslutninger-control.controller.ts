import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BeslutningRegistry, type RegisteredBeslutning } from './beslutning-registry.js';

/** How many beslutninger arrived at the utleggstrekk stand-in (DESIGN §10 control API). */
@ApiTags('simulator control')
@Controller('_sim/beslutninger')
export class BeslutningerControlController {
  constructor(private readonly registry: BeslutningRegistry) {}

  @Get()
  list(): { count: number; beslutninger: RegisteredBeslutning[] } {
    const beslutninger = this.registry.list();
    return { count: beslutninger.length, beslutninger };
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.registry.clear();
  }
}
