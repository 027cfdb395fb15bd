/**
 * chart.js set-up, done once for the whole renderer (tree-shaken registration), and the chart
 * theme read from the CSS variables of `styles.css` so charts follow the light or dark theme.
 */
import * as chartjs from 'chart.js'
import { useEffect, useState } from 'react'

// Only what the funnel (bar) and trend (line) charts draw is registered; the bundler keeps only
// these parts of chart.js (named member reads of a namespace import are tree-shaken like imports).
chartjs.Chart.register(
  chartjs.BarController,
  chartjs.BarElement,
  chartjs.CategoryScale,
  chartjs.Filler,
  chartjs.Legend,
  chartjs.LinearScale,
  chartjs.LineController,
  chartjs.LineElement,
  chartjs.PointElement,
  chartjs.Tooltip
)

export interface ChartTheme {
  series: [string, string, string, string, string]
  grid: string
  text: string
  muted: string
}

const FALLBACK: ChartTheme = {
  series: ['#128c7e', '#3b82f6', '#a855f7', '#f59e0b', '#ef4444'],
  grid: 'rgba(0, 0, 0, 0.08)',
  text: '#1c2330',
  muted: '#5b6577'
}

/**
 * The message steps in the order of the five series colours: the trend's lines and the funnel's
 * bars give each step the same colour, whichever steps are shown.
 */
export const STEP_SERIES = ['sent', 'delivered', 'viewed', 'replied', 'converted'] as const

/** The series colour of a step by name; a step outside STEP_SERIES takes the colour of its position. */
export function stepColour(theme: ChartTheme, name: string, position: number): string {
  const index = (STEP_SERIES as readonly string[]).indexOf(name.toLowerCase())
  return theme.series[index >= 0 ? index : position % theme.series.length]!
}

/** Reads the chart colours from the CSS variables currently in effect. */
export function readChartTheme(root: Element = document.documentElement): ChartTheme {
  const css = getComputedStyle(root)
  const v = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback
  return {
    series: [
      v('--chart-1', FALLBACK.series[0]),
      v('--chart-2', FALLBACK.series[1]),
      v('--chart-3', FALLBACK.series[2]),
      v('--chart-4', FALLBACK.series[3]),
      v('--chart-5', FALLBACK.series[4])
    ],
    grid: v('--chart-grid', FALLBACK.grid),
    text: v('--text', FALLBACK.text),
    muted: v('--muted', FALLBACK.muted)
  }
}

/** The chart theme, re-read when the operating system switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme)
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    const update = (): void => setTheme(readChartTheme())
    media.addEventListener('change', update)
    return () => media.removeEventListener('change', update)
  }, [])
  return theme
}

/**
 * Shared axis and legend colours for a chart in the given theme, and its tooltip text:
 * `tooltipLabel` receives chart.js's tooltip item (typed by the caller to the fields it reads).
 */
export function baseOptions<Item>(
  theme: ChartTheme,
  animation: boolean,
  tooltipLabel: (item: Item) => string
) {
  const axis = {
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ticks: { color: theme.muted }
  }
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: animation ? undefined : (false as const),
    color: theme.text,
    plugins: {
      legend: { labels: { color: theme.text } },
      tooltip: { callbacks: { label: tooltipLabel } }
    },
    scales: { x: axis, y: { ...axis, beginAtZero: true } }
  }
}
