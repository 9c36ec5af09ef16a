import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { SkipThrottle } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { healthSchema, type Health } from '@minga/contracts';
import { Public } from '../access/public.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { Problem } from '../common/problem';

class HealthDto extends createZodDto(healthSchema) {}

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Liveness: the process answers. */
  @Get()
  @ZodResponse({ type: HealthDto })
  live(): Health {
    return { status: 'ok', checks: { process: 'up' } };
  }

  /** Readiness: the database answers within two seconds. */
  @Get('ready')
  @ApiProblems([503], { public: true })
  @ZodResponse({ type: HealthDto })
  async ready(): Promise<Health> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref());
    try {
      await Promise.race([this.db.query('SELECT 1'), timeout]);
      return { status: 'ok', checks: { database: 'up' } };
    } catch {
      throw new Problem('service_unavailable', 'The database is not reachable');
    }
  }
}
