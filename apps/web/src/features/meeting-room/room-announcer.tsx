// One polite live region for what others change in the room (arrivals, hands, agenda, polls), so a screen reader
// hears the room move on without being interrupted; typing in the notes is never announced.
import { useTranslation } from 'react-i18next';
import type { Announcement } from './room-state';

export function RoomAnnouncer({ announcements }: { announcements: { seq: number; items: Announcement[] } }) {
  const { t } = useTranslation();
  const text = announcements.items.map((item) => t(`meetingRoom.announce.${item.key}`, { ...item })).join(' ');
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="room-announcer">
      {text}
    </p>
  );
}
