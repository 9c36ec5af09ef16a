import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  agendaItemSchema,
  createMeetingSchema,
  inviteeListSchema,
  inviteeQuerySchema,
  meetingSchema,
  myRsvpEnvelopeSchema,
  occurrenceDetailSchema,
  occurrencePageSchema,
  occurrenceQuerySchema,
  replaceAgendaSchema,
  rsvpInputSchema,
  rsvpListSchema,
  rsvpResultSchema,
  updateMeetingSchema,
  updateOccurrenceSchema,
} from '@minga/contracts';

export class MeetingDto extends createZodDto(meetingSchema) {}
export class MeetingListDto extends createZodDto(z.array(meetingSchema)) {}
export class CreateMeetingDto extends createZodDto(createMeetingSchema) {}
export class UpdateMeetingDto extends createZodDto(updateMeetingSchema) {}
export class OccurrenceQueryDto extends createZodDto(occurrenceQuerySchema) {}
export class OccurrencePageDto extends createZodDto(occurrencePageSchema) {}
export class OccurrenceDetailDto extends createZodDto(occurrenceDetailSchema) {}
export class UpdateOccurrenceDto extends createZodDto(updateOccurrenceSchema) {}
export class AgendaDto extends createZodDto(z.array(agendaItemSchema)) {}
export class ReplaceAgendaDto extends createZodDto(replaceAgendaSchema) {}
export class RsvpInputDto extends createZodDto(rsvpInputSchema) {}
export class RsvpResultDto extends createZodDto(rsvpResultSchema) {}
export class MyRsvpDto extends createZodDto(myRsvpEnvelopeSchema) {}
export class RsvpListDto extends createZodDto(rsvpListSchema) {}
export class InviteeQueryDto extends createZodDto(inviteeQuerySchema) {}
export class InviteeListDto extends createZodDto(inviteeListSchema) {}
