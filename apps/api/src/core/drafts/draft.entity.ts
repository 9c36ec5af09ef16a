import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DraftStatus } from '@minga/contracts';

@Entity('drafts')
export class DraftEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() title!: string;
  @Column({ name: 'city_id', type: 'uuid' }) cityId!: string;
  @Column({ name: 'model_policy_id', type: 'uuid' }) modelPolicyId!: string;
  @Column() language!: string;
  @Column({ type: 'varchar' }) status!: DraftStatus;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('draft_owners')
export class DraftOwnerEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' }) draftId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
}
