import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TemplateSection } from '@minga/editor';

@Entity('model_policies')
export class ModelPolicyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() key!: string;
  @Column() name!: string;
  @Column() summary!: string;
  @Column() language!: string;
  @Column({ type: 'jsonb', nullable: true }) template!: TemplateSection[] | null;
  /** A calendar date without time zone, kept as the ISO string PostgreSQL returns. */
  @Column({ name: 'unveiled_on', type: 'date', nullable: true }) unveiledOn!: string | null;
}
