// The toolbar's glyphs, drawn in the text colour; the buttons carry the names.
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      focusable="false"
    >
      {children}
    </svg>
  );
}

// Drawn rather than written: "H1" as text would not match the button's spoken name ("Heading 1") for speech input.
const LEVEL_STROKES: Record<1 | 2 | 3, string> = {
  1: 'M14 8.5l2-1.5v9.5',
  2: 'M13.3 9a1.9 1.9 0 1 1 3.3 1.6L13.3 16h3.7',
  3: 'M13.4 7.5h3.2l-1.8 2.6a2 2 0 1 1-1.6 3.6',
};

export function HeadingIcon({ level }: { level: 1 | 2 | 3 }) {
  return (
    <Icon>
      <path d="M2.5 4v12M9.5 4v12M2.5 10h7" />
      <path d={LEVEL_STROKES[level]} strokeWidth="1.5" strokeLinejoin="round" />
    </Icon>
  );
}

export function BulletListIcon() {
  return (
    <Icon>
      <circle cx="4" cy="5" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4" cy="10" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4" cy="15" r="1.2" fill="currentColor" stroke="none" />
      <path d="M8 5h9M8 10h9M8 15h9" />
    </Icon>
  );
}

export function OrderedListIcon() {
  return (
    <Icon>
      <path d="M3 3.5h1.5v4M3 7.5h3M3 12.5h2.5l-2.5 4h3" strokeWidth="1.4" />
      <path d="M9 5h8M9 10h8M9 15h8" />
    </Icon>
  );
}

export function LinkIcon() {
  return (
    <Icon>
      <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1" />
      <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
    </Icon>
  );
}

export function TableIcon() {
  return (
    <Icon>
      <rect x="2.5" y="3.5" width="15" height="13" rx="1" />
      <path d="M2.5 8h15M2.5 12.5h15M7.5 8v8.5M12.5 8v8.5" />
    </Icon>
  );
}
