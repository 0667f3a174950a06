import { Module } from '@nestjs/common';
import { PolicyStateRepository } from '#tenancy';
import { PolicyExplainController } from './policy-explain.controller.js';
import { PolicyExplainService } from './policy-explain.service.js';

@Module({
  controllers: [PolicyExplainController],
  providers: [PolicyStateRepository, PolicyExplainService],
})
export class PolicyExplainModule {}
