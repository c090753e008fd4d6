/** Every number of R's block is ours to 1e-6 (relative beyond 1), coefficients to 1e-4; R's null values stay null. */
export function compareWithR(r: unknown, ours: unknown, path: string, out: string[]): void {
  if (r === null) {
    if (ours !== null && ours !== undefined) out.push(`${path}: R null, ours ${JSON.stringify(ours)}`);
  } else if (Array.isArray(r)) {
    if (!Array.isArray(ours) || ours.length !== r.length) out.push(`${path}: length`);
    else r.forEach((x, i) => compareWithR(x, ours[i], `${path}[${i}]`, out));
  } else if (typeof r === 'object') {
    const o = (ours ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(r)) compareWithR(v, o[k], `${path}.${k}`, out);
  } else if (typeof r === 'number') {
    const tol = (path.includes('.coefficients.') ? 1e-4 : 1e-6) * Math.max(1, Math.abs(r));
    if (typeof ours !== 'number' || !(Math.abs(ours - r) <= tol))
      out.push(`${path}: R ${r}, ours ${String(ours)}`);
  } else if (r !== ours) out.push(`${path}: R ${String(r)}, ours ${String(ours)}`);
}
