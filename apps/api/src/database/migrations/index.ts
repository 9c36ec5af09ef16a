// Migrations are listed explicitly: the API is bundled, so TypeORM cannot glob for them.
import { Foundation1764000000000 } from './1764000000000-foundation';

export const MIGRATIONS = [Foundation1764000000000];
