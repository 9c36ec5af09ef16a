import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import catalog from './model-policy-catalog.json';
import { MODEL_POLICY_TEXTS } from './model-policy-templates';

interface CatalogEntry {
  key: string;
  name: string;
  unveiled?: string;
}

/**
 * The alliance's model policies are reference texts maintained in code, not demo data: every start (also with
 * MINGA_DEMO=false) brings the database to this release's wording and templates. Drafts keep their own text.
 */
@Injectable()
export class ModelPolicyCatalog implements OnApplicationBootstrap {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.transaction(async (em) => {
      // Instances starting together take turns.
      await em.query('SELECT pg_advisory_xact_lock(7461002)');
      for (const policy of catalog.model_policies as CatalogEntry[]) {
        const text = MODEL_POLICY_TEXTS[policy.key];
        if (!text) throw new Error(`No summary or template written for model policy ${policy.key}`);
        await em.query(
          `INSERT INTO model_policies (key, name, summary, language, template, unveiled_on) VALUES ($1, $2, $3, 'en', $4, $5)
           ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, summary = EXCLUDED.summary, template = EXCLUDED.template,
             unveiled_on = EXCLUDED.unveiled_on
           WHERE (model_policies.name, model_policies.summary, model_policies.template, model_policies.unveiled_on)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.summary, EXCLUDED.template, EXCLUDED.unveiled_on)`,
          [policy.key, policy.name, text.summary, text.template && JSON.stringify(text.template), policy.unveiled ?? null],
        );
      }
    });
  }
}
