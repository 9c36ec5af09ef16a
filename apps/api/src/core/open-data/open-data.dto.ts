import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  dataDictionarySchema,
  dcatCatalogSchema,
  openActionPlansSchema,
  openCityPlansSchema,
  openDataTableQuerySchema,
  openDataTableSchema,
  openHubPlansSchema,
  uuidSchema,
} from '@minga/contracts';

export class OpenCityPlansDto extends createZodDto(openCityPlansSchema) {}
export class OpenHubPlansDto extends createZodDto(openHubPlansSchema) {}
/** Documents the shape every table shares (licence, uri, modified, items); items differ per table, see the dictionary. */
export class OpenDataSetDto extends createZodDto(openActionPlansSchema) {}
export class DataDictionaryDto extends createZodDto(dataDictionarySchema) {}
export class DcatCatalogDto extends createZodDto(dcatCatalogSchema) {}
export class OpenDataTableQueryDto extends createZodDto(openDataTableQuerySchema) {}
export class CityTableParamsDto extends createZodDto(z.object({ cityId: uuidSchema, table: openDataTableSchema })) {}
export class HubTableParamsDto extends createZodDto(z.object({ hubId: uuidSchema, table: openDataTableSchema })) {}
