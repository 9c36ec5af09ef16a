import { useTranslation } from 'react-i18next';
import type { RoleAssignment } from '@minga/contracts';
import './users.css';

/** A person's roles, each with the hub or city it applies to. */
export function RoleList({ roles }: { roles: RoleAssignment[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span className="muted">{t('people.noRole')}</span>;
  return (
    <ul className="role-list">
      {roles.map((assignment) => (
        <li key={assignment.id} className="role-tag">
          {assignment.scopeName
            ? t('roles.withScope', { role: t(`roles.${assignment.role}`), scope: assignment.scopeName })
            : t(`roles.${assignment.role}`)}
        </li>
      ))}
    </ul>
  );
}
