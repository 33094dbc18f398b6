// A table that may be wider than the screen: it scrolls sideways in its own box (reachable with the
// keyboard), and when it does, a line above it says so and the cut edge fades, so that no column is
// hidden without a cue.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';

export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  const { t } = useApp();
  const box = useRef<HTMLDivElement>(null);
  const [wider, setWider] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWider(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const table = element.firstElementChild;
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      {wider ? <p class="scroll-cue"><span aria-hidden="true">↔ </span>{t('table.scroll')}</p> : null}
      <div ref={box} class={wider ? 'table-wrap table-wrap-wider' : 'table-wrap'} tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
    </>
  );
}
