import type { HeaderFormat, TemplateVariable } from '../../shared/ipc/routes/templates'

/**
 * How a send lays out its flat values (`message.params`): value i fills `variables[i]` (header
 * text or media URL, body variables, dynamic buttons). Without a layout every value is a
 * positional body parameter, as before templates were synced.
 */
export interface SendLayout {
  parameterFormat: 'positional' | 'named'
  headerFormat: HeaderFormat | null
  variables: TemplateVariable[]
}

/** The values of one component, each with its variable. */
export function slotsOf(
  layout: SendLayout | undefined,
  params: readonly string[],
  component: TemplateVariable['component']
): { variable: TemplateVariable; value: string }[] {
  if (!layout)
    return component === 'body'
      ? params.map((value, i) => ({
          variable: { key: `body.${i + 1}`, component: 'body', name: String(i + 1), kind: 'text' },
          value
        }))
      : []
  return layout.variables
    .map((variable, i) => ({ variable, value: params[i] ?? '' }))
    .filter((s) => s.variable.component === component)
}
