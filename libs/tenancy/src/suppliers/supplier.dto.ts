import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { TenantSupplierEntity } from '#database';

export class AddSupplierDto {
  @ApiProperty({ description: "the vendor's orgnr (its Maskinporten token's `supplier`)", example: '910753614' })
  @IsString()
  orgnr!: string;

  @ApiProperty({ example: 'Innfordring AS' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

/** A supplier registered to act for a tenant (its orgnr in the token's supplier claim). */
export class SupplierView {
  @ApiProperty({ example: '958935420' }) tenantOrgnr!: string;
  @ApiProperty({ example: '987654321' }) orgnr!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toSupplierView(entity: TenantSupplierEntity): SupplierView {
  return {
    tenantOrgnr: entity.tenantOrgnr,
    orgnr: entity.supplierOrgnr,
    name: entity.name,
    createdAt: entity.createdAt.toISOString(),
  };
}
