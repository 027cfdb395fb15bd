import {
  CONVERSION_METHOD,
  REVENUE_METHOD,
  STAT_DEFINITIONS
} from '../../../../shared/domain/statDefinitions'

/** The definitions behind every number, so the report stands on its own. */
export function ReportMethodology() {
  return (
    <section className="report-section report-methodology" data-testid="report-methodology">
      <h2>Methodology</h2>
      <dl>
        {STAT_DEFINITIONS.map((d) => (
          <div key={d.key} className="report-definition">
            <dt>{d.label}</dt>
            <dd>
              {d.definition}
              {d.caveat && <span className="muted"> {d.caveat}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <h3>Conversion performance</h3>
      <p>{CONVERSION_METHOD}</p>
      <h3>Revenue performance</h3>
      <p>{REVENUE_METHOD}</p>
    </section>
  )
}
