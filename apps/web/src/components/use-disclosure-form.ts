// A form that opens in place of its button: keyboard focus goes into the form when it opens and back to the button when it closes.
import { useEffect, useRef, useState } from 'react';

/** @param focusSelector which control in the form area takes focus on opening (the first that matches). */
export function useDisclosureForm(focusSelector: string) {
  const [open, setOpen] = useState(false);
  return { open, setOpen, ...useDisclosureFocus(open, focusSelector) };
}

/** Moves the focus into the form area as it opens, and back to the button once it has been open and closes. */
export function useDisclosureFocus(open: boolean, focusSelector: string) {
  const formArea = useRef<HTMLDivElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (open) {
      opened.current = true;
      formArea.current?.querySelector<HTMLElement>(focusSelector)?.focus();
    } else if (opened.current) {
      openButton.current?.focus();
    }
  }, [open, focusSelector]);

  return { formArea, openButton };
}
