import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { createRoleAssignmentSchema, roleAssignmentQuerySchema, roleAssignmentSchema } from '@minga/contracts';

export class RoleAssignmentDto extends createZodDto(roleAssignmentSchema) {}
export class RoleAssignmentListDto extends createZodDto(z.array(roleAssignmentSchema)) {}
export class CreateRoleAssignmentDto extends createZodDto(createRoleAssignmentSchema) {}
export class RoleAssignmentQueryDto extends createZodDto(roleAssignmentQuerySchema) {}
