// D1 allows at most 100 bound parameters per statement: IN lists and batches are cut to fit.
export const PARAMETER_CHUNK = 90;

export function chunks<T>(items: T[], size = PARAMETER_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
