import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('hubs')
export class HubEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() key!: string;
  @Column() name!: string;
  @Column({ type: 'text', array: true }) languages!: string[];
  @Column({ name: 'time_zones', type: 'text', array: true }) timeZones!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
