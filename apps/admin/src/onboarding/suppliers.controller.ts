import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AddSupplierDto, SupplierService, type SupplierView } from '#tenancy';
import { CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('suppliers')
@OperatorAuth()
@Controller('admin/v1/tenants/:orgnr/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SupplierService) {}

  @Post()
  @Roles('operator')
  add(
    @Param('orgnr') orgnr: string,
    @Body() body: AddSupplierDto,
    @CurrentOperator() operator: Operator,
  ): Promise<SupplierView> {
    return this.suppliers.add(orgnr, body, operator);
  }

  @Delete(':supplierOrgnr')
  @HttpCode(204)
  @Roles('operator')
  async remove(
    @Param('orgnr') orgnr: string,
    @Param('supplierOrgnr') supplierOrgnr: string,
    @CurrentOperator() operator: Operator,
  ): Promise<void> {
    await this.suppliers.remove(orgnr, supplierOrgnr, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  list(@Param('orgnr') orgnr: string): Promise<SupplierView[]> {
    return this.suppliers.list(orgnr);
  }
}
