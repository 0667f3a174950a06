import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MaskinportenService } from './maskinporten.service.js';
import { TokenEndpoint } from './token-endpoint.js';

/** Maskinporten's public endpoints (maskinporten.md §1-§3). */
@ApiExcludeController()
@Controller('maskinporten')
export class MaskinportenController {
  constructor(
    private readonly maskinporten: MaskinportenService,
    private readonly tokenEndpoint: TokenEndpoint,
  ) {}

  @Get('.well-known/oauth-authorization-server')
  metadata(): Record<string, unknown> {
    return this.maskinporten.metadata();
  }

  @Get('jwk')
  jwks(): Promise<object> {
    return this.maskinporten.jwks();
  }

  @Post('token')
  @HttpCode(200)
  token(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.tokenEndpoint.handle(request, reply);
  }
}
