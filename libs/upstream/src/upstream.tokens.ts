import { Inject } from '@nestjs/common';

export const CATALOGUE = Symbol('CATALOGUE');

export const InjectCatalogue = (): ParameterDecorator => Inject(CATALOGUE);
