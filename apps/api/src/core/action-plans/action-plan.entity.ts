import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AdoptionStage, KpiDirection, MilestoneStatus } from '@minga/contracts';

// Rows as stored. Reads go through the SQL of plan-read-model.ts, which adds what is computed (progress, overdue,
// KPI status); these entities are for writes.

@Entity('action_plans')
export class ActionPlanEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'city_id', type: 'uuid' }) cityId!: string;
  @Column({ name: 'model_policy_id', type: 'uuid' }) modelPolicyId!: string;
  @Column({ name: 'statement_of_intent', type: 'text' }) statementOfIntent!: string;
  @Column({ type: 'varchar' }) stage!: AdoptionStage;
  @Column() published!: boolean;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'draft_id', type: 'uuid', nullable: true }) draftId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('milestones')
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'action_plan_id', type: 'uuid' }) actionPlanId!: string;
  @Column() title!: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ type: 'varchar' }) status!: MilestoneStatus;
  @Column({ name: 'evidence_links', type: 'text', array: true }) evidenceLinks!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('milestone_tasks')
export class MilestoneTaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'milestone_id', type: 'uuid' }) milestoneId!: string;
  @Column() title!: string;
  @Column() done!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('kpis')
export class KpiEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'action_plan_id', type: 'uuid' }) actionPlanId!: string;
  @Column() name!: string;
  @Column() unit!: string;
  @Column({ type: 'varchar' }) direction!: KpiDirection;
  @Column({ name: 'baseline_value', type: 'double precision' }) baselineValue!: number;
  @Column({ name: 'baseline_date', type: 'date' }) baselineDate!: string;
  @Column({ name: 'target_value', type: 'double precision' }) targetValue!: number;
  @Column({ name: 'target_date', type: 'date' }) targetDate!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('kpi_measurements')
export class KpiMeasurementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'kpi_id', type: 'uuid' }) kpiId!: string;
  @Column({ name: 'measured_on', type: 'date' }) measuredOn!: string;
  @Column({ type: 'double precision' }) value!: number;
  @Column({ type: 'varchar', nullable: true }) source!: string | null;
  @Column({ type: 'varchar', nullable: true }) note!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
