import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { Orgnr } from '#core';

/** A valid 9-digit Norwegian organisation number (mod-11). */
function IsOrgnr(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOrgnr',
      validator: {
        validate: (value) => Orgnr.isValid(value),
        defaultMessage: (args) => `${args?.property} must be a valid organisation number`,
      },
    },
    options,
  );
}

const SCOPE = /^[A-Za-z0-9:._/-]{1,200}$/;

export class RegisterClientDto {
  @ApiProperty({ example: 'delingsmegler-test' })
  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @ApiProperty({ example: '991825827' })
  @IsOrgnr()
  orgnr!: string;

  @ApiProperty({ description: 'Public JWKS; a key may carry `exp` (epoch seconds)', example: { keys: [] } })
  @IsObject()
  jwks!: { keys?: unknown };

  @ApiProperty({ type: [String], example: ['skatteetaten:summertskattegrunnlag'] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SCOPE, { each: true })
  scopes!: string[];

  @ApiPropertyOptional({ description: 'expires_in of its tokens, seconds', example: 120 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  tokenLifetime?: number;
}

export class ScopeAccessDto {
  @ApiProperty({ example: '910753614' })
  @IsOrgnr()
  orgnr!: string;

  @ApiProperty({ example: 'delingsmegler:api' })
  @Matches(SCOPE)
  scope!: string;
}

export class DelegationDto {
  @ApiProperty({ example: '910753614' })
  @IsOrgnr()
  consumerOrg!: string;

  @ApiProperty({ example: '991825827' })
  @IsOrgnr()
  supplierOrg!: string;

  @ApiProperty({ example: 'skatteetaten:summertskattegrunnlag' })
  @Matches(SCOPE)
  scope!: string;
}

export class MintTokenDto {
  @ApiProperty({ example: '910753614' })
  @IsOrgnr()
  consumerOrg!: string;

  @ApiPropertyOptional({ example: '991825827' })
  @IsOptional()
  @IsOrgnr()
  supplierOrg?: string;

  @ApiProperty({ description: 'Space-separated scopes', example: 'delingsmegler:api' })
  @IsString()
  @IsNotEmpty()
  scope!: string;

  @ApiPropertyOptional({ description: 'Seconds; negative for an already expired token', example: 120 })
  @IsOptional()
  @IsInt()
  @Min(-86_400)
  @Max(86_400)
  expiresIn?: number;

  @ApiPropertyOptional({ description: 'Claims added or replaced verbatim', example: { nbf: 4102444800 } })
  @IsOptional()
  @IsObject()
  claims?: Record<string, unknown>;
}
