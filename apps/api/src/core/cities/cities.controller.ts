import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { City, Page } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import { CurrentPrincipal, type AuthPrincipal } from '../../platform/access/principal';
import { ApiProblems } from '../../platform/common/api-problems.decorator';
import { IdParam } from '../../platform/common/id-param.decorator';
import { CityDto, CityPageDto, CityQueryDto, CreateCityDto, UpdateCityDto } from './cities.dto';
import { CitiesService } from './cities.service';

@ApiTags('cities')
@Controller('cities')
export class CitiesController {
  constructor(
    private readonly cities: CitiesService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiProblems([400, 401, 403])
  @ZodResponse({ type: CityPageDto })
  list(@Query() query: CityQueryDto, @CurrentPrincipal() me: AuthPrincipal): Promise<Page<City>> {
    this.access.assert(me, 'read', 'City');
    return this.cities.list(query);
  }

  @Get(':id')
  @ApiProblems([400, 401, 403, 404])
  @ZodResponse({ type: CityDto })
  async get(@IdParam() id: string, @CurrentPrincipal() me: AuthPrincipal): Promise<City> {
    this.access.assert(me, 'read', 'City');
    return this.cities.findOne(id);
  }

  @Post()
  @ApiProblems([400, 401, 403, 409])
  @ZodResponse({ status: 201, type: CityDto })
  create(@Body() body: CreateCityDto, @CurrentPrincipal() me: AuthPrincipal): Promise<City> {
    this.access.assert(me, 'create', { kind: 'City', id: '', hubId: body.hubId });
    return this.cities.create(body);
  }

  @Patch(':id')
  @ApiProblems([400, 401, 403, 404, 409])
  @ZodResponse({ type: CityDto })
  async update(@IdParam() id: string, @Body() body: UpdateCityDto, @CurrentPrincipal() me: AuthPrincipal): Promise<City> {
    const city = await this.cities.findOne(id);
    this.access.assert(me, 'update', { kind: 'City', id, hubId: city.hubId });
    // Moving a city to another hub needs the right to place cities in that hub too.
    if (body.hubId !== undefined && body.hubId !== city.hubId) {
      this.access.assert(me, 'create', { kind: 'City', id, hubId: body.hubId });
    }
    return this.cities.update(id, body);
  }
}
