import { createZodDto } from 'nestjs-zod';
import { pageOf, updateProfileSchema, userQuerySchema, userSchema } from '@minga/contracts';

export class UserDto extends createZodDto(userSchema) {}
export class UserPageDto extends createZodDto(pageOf(userSchema)) {}
export class UpdateProfileDto extends createZodDto(updateProfileSchema) {}
export class UserQueryDto extends createZodDto(userQuerySchema) {}
