import { Injectable } from '@nestjs/common';
import type { SlotQuery, SlotResult } from '@minga/contracts';
import { findSlots, type SlotProposal } from '@minga/scheduling';
import { Problem } from '../../platform/common/problem';
import { CohortsService } from './cohorts.service';

function toSlot(slot: SlotProposal) {
  return { ...slot, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() };
}

/** Runs libs/scheduling's slot finder over a cohort's members (their zones, locales and working hours). */
@Injectable()
export class SlotFinderService {
  constructor(private readonly cohorts: CohortsService) {}

  async find(cohortId: string, query: SlotQuery): Promise<SlotResult> {
    const people = await this.cohorts.people(cohortId);
    if (!people.length) throw new Problem('cohort_has_no_members');
    const result = findSlots(
      people.map((p) => ({
        id: p.id,
        name: p.name,
        cityName: p.city?.name ?? null,
        timeZone: p.timeZone,
        locale: p.locale,
        workingHours: p.workingHours,
      })),
      {
        from: query.from,
        to: query.to,
        durationMinutes: Number(query.durationMinutes),
        stepMinutes: query.stepMinutes === undefined ? undefined : Number(query.stepMinutes),
        limit: query.limit === undefined ? undefined : Number(query.limit),
        seriesLength: query.seriesLength === undefined ? undefined : Number(query.seriesLength),
      },
    );
    return {
      participantCount: result.participantCount,
      slots: result.slots.map(toSlot),
      rotation: result.rotation?.map(toSlot) ?? null,
      burdenByZone: result.burdenByZone,
    };
  }
}
