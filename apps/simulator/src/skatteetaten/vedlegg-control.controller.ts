import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type IssuedVedlegg, VedleggStore } from './vedlegg-store.js';

/** The documents uploaded to the utleggstrekk stand-in (uuid, size, SHA-256), for tests to compare with what was sent. */
@ApiTags('simulator control')
@Controller('_sim/vedlegg')
export class VedleggControlController {
  constructor(private readonly store: VedleggStore) {}

  @Get()
  list(): { count: number; vedlegg: IssuedVedlegg[] } {
    const vedlegg = this.store.list();
    return { count: vedlegg.length, vedlegg };
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.store.clear();
  }
}
