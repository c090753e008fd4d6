import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Whether a box scrolls sideways, and whether columns are still hidden on its right. */
function useSideScroll() {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState({ scrolls: false, more: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      const more = scrolls && el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setState((s) => (s.scrolls === scrolls && s.more === more ? s : { scrolls, more }));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);
  return [ref, state] as const;
}

/**
 * A table's sideways-scrolling box: its title stays in view above it (the table keeps its own
 * caption for screen readers), and a box wider than the screen says so and shades the hidden edge.
 */
export function ScrollRegion({
  label,
  title,
  children,
}: {
  label: string;
  /** Shown above the box. */
  title?: ReactNode;
  children: ReactNode;
}) {
  const [ref, side] = useSideScroll();
  return (
    <>
      {title && (
        <p className="table-title" aria-hidden="true">
          {title}
        </p>
      )}
      {side.scrolls && (
        <p className="scroll-cue" aria-hidden="true">
          Scroll sideways for more columns <span>→</span>
        </p>
      )}
      <div
        ref={ref}
        className={side.more ? 'table-scroll more' : 'table-scroll'}
        role="region"
        aria-label={label}
        tabIndex={0}
      >
        {children}
      </div>
    </>
  );
}
