import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AddSupplierDto, SupplierService, SupplierView } from '#tenancy';
import { ApiOperatorProblems, CurrentOperator, type Operator, OperatorAuth, READ_ROLES, Roles } from '../auth/index.js';

@ApiTags('suppliers')
@OperatorAuth()
@Controller('admin/v1/tenants/:orgnr/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SupplierService) {}

  @Post()
  @Roles('operator')
  @ApiCreatedResponse({ type: SupplierView })
  @ApiOperatorProblems('invalid-request', 'invalid-orgnr', 'tenant-not-found', 'supplier-exists')
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
  @ApiNoContentResponse({ description: 'Removed; its tokens are refused from now on' })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found', 'supplier-not-found')
  async remove(
    @Param('orgnr') orgnr: string,
    @Param('supplierOrgnr') supplierOrgnr: string,
    @CurrentOperator() operator: Operator,
  ): Promise<void> {
    await this.suppliers.remove(orgnr, supplierOrgnr, operator);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOkResponse({ type: [SupplierView] })
  @ApiOperatorProblems('invalid-orgnr', 'tenant-not-found')
  list(@Param('orgnr') orgnr: string): Promise<SupplierView[]> {
    return this.suppliers.list(orgnr);
  }
}
