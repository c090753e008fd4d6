import { PALETTE } from '../../../core';

/** The colour of the i-th group, as its charts draw it. */
export const Swatch = ({ i }: { i: number }) => (
  <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
);
