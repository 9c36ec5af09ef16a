import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service';
import { DraftsService } from '../drafts/drafts.service';
import { MeetingsService } from '../meetings/meetings.service';
import { ModelPoliciesService } from '../model-policies/model-policies.service';
import { DEMO_COHORT, DEMO_SERIES } from './demo-meetings';
import { DEMO_EMAIL_DOMAIN } from './demo-accounts';

const SEED_LOCK = 7461003;

/**
 * Seeds the demo cohort "Open data 2027" (Mexico City, Tsukuba, Delhi, Jakarta) with its monthly series, whose
 * agenda links Mexico City's open data draft (created from the model policy's template when missing). Added once:
 * a cohort of that name in the hub means it is there, whatever people changed since.
 */
@Injectable()
export class DemoMeetingsSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cohorts: CohortsService,
    private readonly meetings: MeetingsService,
    private readonly drafts: DraftsService,
    private readonly modelPolicies: ModelPoliciesService,
  ) {}

  async run(): Promise<void> {
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      if (await this.seed()) this.logger.log(`Demo cohort added: ${DEMO_COHORT.name}`);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await lock.release();
    }
  }

  private async seed(): Promise<boolean> {
    const [hub] = await this.db.query('SELECT id FROM hubs WHERE key = $1', [DEMO_COHORT.hubKey]);
    const [policy] = await this.db.query('SELECT id FROM model_policies WHERE key = $1', [DEMO_COHORT.policyKey]);
    if (!hub || !policy) return false;
    const existing = await this.db.query('SELECT 1 FROM cohorts WHERE hub_id = $1 AND name = $2', [hub.id, DEMO_COHORT.name]);
    if (existing.length) return false;

    const cities: { id: string; name: string }[] = await this.db.query(
      `SELECT c.id, c.name FROM cities c JOIN unnest($1::text[], $2::text[]) AS w(name, country) ON c.name = w.name AND c.country = w.country`,
      [DEMO_COHORT.cities.map((c) => c.name), DEMO_COHORT.cities.map((c) => c.country)],
    );
    const experts: { id: string }[] = await this.db.query('SELECT id FROM users WHERE lower(email) = ANY($1::text[])', [
      DEMO_COHORT.expertHubKeys.map((key) => `expert.${key}@${DEMO_EMAIL_DOMAIN}`),
    ]);
    const [coordinator] = await this.db.query('SELECT id FROM users WHERE lower(email) = $1', [
      `coordinator.${DEMO_COHORT.hubKey}@${DEMO_EMAIL_DOMAIN}`,
    ]);
    const [mexicoOfficial] = await this.db.query('SELECT id FROM users WHERE lower(email) = $1', [
      `official.mexico-city@${DEMO_EMAIL_DOMAIN}`,
    ]);
    if (!coordinator || !mexicoOfficial) return false;

    const cohort = await this.cohorts.create(
      hub.id,
      {
        name: DEMO_COHORT.name,
        modelPolicyId: policy.id,
        startsOn: DEMO_COHORT.startsOn,
        endsOn: DEMO_COHORT.endsOn,
        cityIds: cities.map((c) => c.id),
        expertIds: experts.map((e) => e.id),
      },
      coordinator.id,
    );

    const mexicoCity = cities.find((c) => c.name === 'Mexico City');
    let draftId: string | null = null;
    if (mexicoCity) {
      const [draft] = await this.db.query('SELECT id FROM drafts WHERE city_id = $1 AND model_policy_id = $2 ORDER BY created_at LIMIT 1', [
        mexicoCity.id,
        policy.id,
      ]);
      draftId =
        draft?.id ??
        (
          await this.drafts.create(
            { cityId: mexicoCity.id, modelPolicyId: policy.id, title: DEMO_SERIES.draftTitle, language: 'es-MX' },
            mexicoOfficial.id,
          )
        ).id;
    }
    const template = await this.modelPolicies.findTemplate(policy.id);
    const firstSection = template?.sections[0]?.heading ?? null;

    await this.meetings.create(
      { hubId: hub.id, cohortId: cohort.id },
      {
        title: DEMO_SERIES.title,
        description: DEMO_SERIES.description,
        timeZone: DEMO_SERIES.timeZone,
        localStart: DEMO_SERIES.localStart,
        durationMinutes: DEMO_SERIES.durationMinutes,
        rrule: DEMO_SERIES.rrule,
        onlineUrl: DEMO_SERIES.onlineUrl,
        place: null,
        capacity: null,
        draftId,
        agenda: [
          { title: 'Round of cities: what changed this month', durationMinutes: 20, presenterId: null, draftId: null, draftSection: null },
          {
            title: 'Mexico City’s open data draft',
            durationMinutes: 25,
            presenterId: mexicoOfficial.id,
            draftId,
            draftSection: draftId ? firstSection : null,
          },
          { title: 'Action items and next steps', durationMinutes: 15, presenterId: coordinator.id, draftId: null, draftSection: null },
        ],
      },
      { id: coordinator.id, roles: [] },
    );
    return true;
  }
}
