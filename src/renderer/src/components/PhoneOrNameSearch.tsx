/** Longest search the engine takes (`search: z.string().max(200)` of contacts.list and stats.drill). */
const MAX_SEARCH = 200

/** The box that searches people by phone prefix or part of the name (contacts, error drill-down). */
export function PhoneOrNameSearch({
  value,
  onChange,
  testId
}: {
  value: string
  onChange(value: string): void
  testId: string
}) {
  return (
    <div className="row" style={{ marginBottom: 8 }}>
      <input
        type="search"
        placeholder="Search phone or name"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={MAX_SEARCH}
        data-testid={testId}
        style={{ minWidth: 280 }}
      />
    </div>
  )
}
