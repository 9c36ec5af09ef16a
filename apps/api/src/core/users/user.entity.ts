import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WorkingHours } from '@minga/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() email!: string;
  @Column() name!: string;
  @Column({ name: 'password_hash', select: false }) passwordHash!: string;
  @Column() locale!: string;
  @Column({ name: 'time_zone' }) timeZone!: string;
  @Column({ name: 'working_hours', type: 'jsonb' }) workingHours!: WorkingHours;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
