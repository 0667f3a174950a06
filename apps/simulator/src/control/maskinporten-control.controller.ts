import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MaskinportenService } from '../maskinporten/maskinporten.service.js';
import { DelegationDto, MintTokenDto, RegisterClientDto, ScopeAccessDto } from './maskinporten-control.dto.js';

/** Control API for the Maskinporten stand-in (DESIGN §10). */
@ApiTags('simulator control')
@Controller('_sim')
export class MaskinportenControlController {
  constructor(private readonly maskinporten: MaskinportenService) {}

  @Post('clients')
  @HttpCode(204)
  registerClient(@Body() body: RegisterClientDto): void {
    this.maskinporten.registerClient(body);
  }

  @Get('clients')
  clients(): object[] {
    return this.maskinporten.clients.list();
  }

  @Post('scope-access')
  @HttpCode(204)
  grantScope(@Body() body: ScopeAccessDto): void {
    this.maskinporten.clients.grantScope(body.orgnr, body.scope);
  }

  @Post('delegations')
  @HttpCode(204)
  delegate(@Body() body: DelegationDto): void {
    this.maskinporten.clients.delegate(body.consumerOrg, body.supplierOrg, body.scope);
  }

  @Delete('delegations')
  @HttpCode(204)
  revokeDelegation(@Body() body: DelegationDto): void {
    this.maskinporten.clients.revokeDelegation(body.consumerOrg, body.supplierOrg, body.scope);
  }

  @Post('tokens')
  @HttpCode(200)
  mint(@Body() body: MintTokenDto): Promise<object> {
    return this.maskinporten.mint(body);
  }

  @Post('maskinporten/rotate-keys')
  @HttpCode(200)
  rotateKeys(): Promise<{ kid: string }> {
    return this.maskinporten.rotateKeys();
  }
}
