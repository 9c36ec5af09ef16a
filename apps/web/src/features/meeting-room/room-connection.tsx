// Whether the room is live on this screen: reconnecting is said in words, so a frozen room is never mistaken for a quiet one.
import { useTranslation } from 'react-i18next';
import type { RoomConnection } from './use-meeting-room';

export function RoomConnectionNote({ connection }: { connection: RoomConnection }) {
  const { t } = useTranslation();
  if (connection === 'connected') return null;
  return (
    <p className="notice room-connection" role="status">
      {t(`meetingRoom.connection.${connection}`)}
    </p>
  );
}
