import { createZodDto } from 'nestjs-zod';
import { changePasswordSchema, sessionSchema, signInSchema, signUpSchema } from '@minga/contracts';

export class SignInDto extends createZodDto(signInSchema) {}
export class SessionDto extends createZodDto(sessionSchema) {}
export class SignUpDto extends createZodDto(signUpSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordSchema) {}
