import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'minga:public';
/** Marks a route that needs no signed-in user (sign-in, invitation preview, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
