/**
 * Moves focus to a heading once the page that has it has rendered (after a navigation that ends
 * a flow, such as a launch): keyboard and screen-reader users continue from the top of the page
 * they landed on instead of from a button that no longer exists. Gives up after ~20 frames.
 */
export function focusHeading(selector: string, tries = 20): void {
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>(selector)
    if (!heading) {
      if (tries > 0) focusHeading(selector, tries - 1)
      return
    }
    heading.tabIndex = -1
    heading.focus()
  })
}
