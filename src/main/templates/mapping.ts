import type { TemplateRef } from '../../shared/ipc/routes/campaigns'
import type { TemplateVariable, TemplateView } from '../../shared/ipc/routes/templates'

/**
 * The draft's value for one template variable, or undefined when it is not mapped. Body values
 * come from `params` (by position among the body variables, or by name); the header's from
 * `header`; a dynamic button's from `buttons[index]`.
 */
export function mappedValue(
  ref: Pick<TemplateRef, 'params' | 'header' | 'buttons'>,
  variable: TemplateVariable,
  bodyIndex: number
): string | undefined {
  if (variable.component === 'header') return ref.header
  if (variable.component === 'button') return ref.buttons?.[variable.name]
  const params = ref.params ?? []
  return Array.isArray(params)
    ? params[bodyIndex]
    : (params as Record<string, string>)[variable.name]
}

/** Each variable with its mapped value, in the template's send order. */
export function mappingOf(
  ref: Pick<TemplateRef, 'params' | 'header' | 'buttons'>,
  variables: readonly TemplateVariable[]
): { variable: TemplateVariable; value: string | undefined }[] {
  let body = 0
  return variables.map((variable) => ({
    variable,
    value: mappedValue(ref, variable, variable.component === 'body' ? body++ : -1)
  }))
}

const label = (v: TemplateVariable): string =>
  v.component === 'body'
    ? `body {{${v.name}}}`
    : v.component === 'header'
      ? v.kind === 'media'
        ? 'header media URL'
        : `header {{${v.name}}}`
      : `button ${Number(v.name) + 1} ${v.kind === 'copy_code' ? 'code' : 'URL suffix'}`

/** Everything that keeps a draft's template from launching; empty when it can launch. */
export function mappingProblems(ref: TemplateRef, template: TemplateView): string[] {
  const problems: string[] = []
  const id = `Template ${template.label ?? template.name} (${template.language})`
  if (template.status !== 'APPROVED')
    problems.push(
      `${id} is ${template.status} at the provider${template.statusReason ? ` (${template.statusReason})` : ''}; only an APPROVED template can launch.`
    )
  // A stored template without a readable structure (no body, no variables) is not counted.
  if (!hasStructure(template)) return problems
  const mapping = mappingOf(ref, template.variables)
  const unmapped = mapping.filter((m) => !m.value || m.value.trim() === '')
  if (unmapped.length)
    problems.push(
      `${id} takes ${template.variables.length} variable${template.variables.length === 1 ? '' : 's'}; ${template.variables.length - unmapped.length} mapped, not mapped: ${unmapped.map((m) => label(m.variable)).join(', ')}.`
    )
  const bodyCount = template.variables.filter((v) => v.component === 'body').length
  const params = ref.params ?? []
  const given = Array.isArray(params) ? params.length : Object.keys(params).length
  if (given > bodyCount) {
    const extra = Array.isArray(params)
      ? `${given} body values`
      : `values for ${Object.keys(params)
          .filter((k) => !template.variables.some((v) => v.component === 'body' && v.name === k))
          .map((k) => `{{${k}}}`)
          .join(', ')}`
    problems.push(
      `${id} has ${bodyCount} body variable${bodyCount === 1 ? '' : 's'} but the draft gives ${extra}.`
    )
  }
  return problems
}

/** The draft's values flattened in the template's send order (what `message.params` stores). */
export function flatValues(ref: TemplateRef, variables: readonly TemplateVariable[]): string[] {
  return mappingOf(ref, variables).map((m) => m.value ?? '')
}

/** Whether a stored template's text and variables are known (a sync stored them). */
export const hasStructure = (template: TemplateView): boolean =>
  template.components.body !== '' || template.variables.length > 0
