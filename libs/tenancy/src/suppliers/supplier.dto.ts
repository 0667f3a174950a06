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

export interface SupplierView {
  tenantOrgnr: string;
  orgnr: string;
  name: string;
  createdAt: string;
}

export function toSupplierView(entity: TenantSupplierEntity): SupplierView {
  return {
    tenantOrgnr: entity.tenantOrgnr,
    orgnr: entity.supplierOrgnr,
    name: entity.name,
    createdAt: entity.createdAt.toISOString(),
  };
}
