import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { NOTICE_EVENTS } from '#notifications';

export class NoticeQuery {
  @ApiPropertyOptional({ description: 'orgnr: only this tenant' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'tenant must be a 9-digit orgnr' })
  tenant?: string;

  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'], description: 'failed: the dead letters' })
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed'])
  status?: 'pending' | 'sent' | 'failed';

  @ApiPropertyOptional({ enum: NOTICE_EVENTS })
  @IsOptional()
  @IsIn(NOTICE_EVENTS)
  event?: string;
}
