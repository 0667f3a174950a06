import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class OperatorTokenRequestDto {
  @ApiProperty({ example: 'operator@example.no' })
  @IsString()
  @IsNotEmpty()
  sub!: string;

  @ApiProperty({ type: [String], example: ['operator'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles!: string[];

  @ApiPropertyOptional({ description: 'Seconds; negative for an already expired token', example: 3600 })
  @IsOptional()
  @IsInt()
  @Min(-86_400)
  @Max(86_400)
  expiresIn?: number;
}
