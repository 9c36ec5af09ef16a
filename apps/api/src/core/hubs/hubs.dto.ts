import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { createHubSchema, hubSchema, updateHubSchema } from '@minga/contracts';

export class HubDto extends createZodDto(hubSchema) {}
export class HubListDto extends createZodDto(z.array(hubSchema)) {}
export class CreateHubDto extends createZodDto(createHubSchema) {}
export class UpdateHubDto extends createZodDto(updateHubSchema) {}
