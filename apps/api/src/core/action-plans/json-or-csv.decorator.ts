import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ZodSerializerDto, type ZodDto } from 'nestjs-zod';
import { ApiProblems } from '../../platform/common/api-problems.decorator';

/**
 * A plan's table as JSON (serialised through its contract) or as a CSV file (`?format=csv` or `Accept: text/csv`):
 * the handler returns either, so the response cannot be declared as one DTO alone.
 */
export function JsonOrCsvTable(dto: ZodDto): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/json', 'text/csv'),
    ApiProblems([400, 401, 403, 404]),
    ApiOkResponse({ type: dto }),
    ZodSerializerDto(dto),
  );
}
