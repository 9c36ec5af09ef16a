import { createZodDto } from 'nestjs-zod';
import { cityQuerySchema, citySchema, createCitySchema, pageOf, updateCitySchema } from '@minga/contracts';

export class CityDto extends createZodDto(citySchema) {}
export class CityPageDto extends createZodDto(pageOf(citySchema)) {}
export class CreateCityDto extends createZodDto(createCitySchema) {}
export class UpdateCityDto extends createZodDto(updateCitySchema) {}
export class CityQueryDto extends createZodDto(cityQuerySchema) {}
