// A name shown in public (lottery results, certificate checks): the family or an employer can
// recognise it, a stranger cannot read it.
/** 王芳 → 王*, 王小芳 → 王*芳, Jane Smith → J********h: enough for a family to find its line, not to name it. */
export function maskName(name: string) {
  const chars = [...name.trim()]
  if (chars.length === 0) return '*'
  if (chars.length <= 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 8))}${chars[chars.length - 1]}`
}
