import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericTransformer } from '../../platform/database/column-transformers';

@Entity('cities')
export class CityEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'hub_id', type: 'uuid', nullable: true }) hubId!: string | null;
  @Column() name!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ name: 'time_zone' }) timeZone!: string;
  @Column() locale!: string;
  @Column({ type: 'bigint', nullable: true, transformer: numericTransformer }) population!: number | null;
  @Column({ name: 'area_km2', type: 'numeric', nullable: true, transformer: numericTransformer }) areaKm2!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
