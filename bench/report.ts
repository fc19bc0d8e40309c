// Bench figures, their goals, and how they are printed and saved.

export type Unit = "ms" | "MB";

/** One measured figure against what it is compared with. */
export interface Figure {
  key: string;
  label: string;
  unit: Unit;
  value: number;
  baseline: number;
  /** What `baseline` is, e.g. "baseline pack" or "10 records". */
  comparedWith: string;
  /** Highest acceptable value / baseline; none for figures kept for information. */
  goal?: number;
  /** Further numbers kept in the JSON (percentiles, single runs, counts). */
  detail?: Record<string, unknown>;
}

export type Verdict = "pass" | "miss" | "info";

export interface ScoredFigure extends Figure {
  /** value / baseline; null when the baseline is zero (e.g. no measurable CPU time). */
  ratio: number | null;
  verdict: Verdict;
}

/** A figure that could not be measured, and why. */
export interface SkippedFigure {
  key: string;
  label: string;
  note: string;
}

export function score(figure: Figure): ScoredFigure {
  const ratio = figure.baseline > 0 ? figure.value / figure.baseline : null;
  const verdict: Verdict = figure.goal === undefined ? "info" : ratio !== null && ratio <= figure.goal ? "pass" : "miss";
  return { ...figure, ratio, verdict };
}

function formatValue(value: number, unit: Unit): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A plain-text table: figure, icpguard, compared with, ratio, goal, verdict. */
export function formatTable(figures: readonly ScoredFigure[], skipped: readonly SkippedFigure[]): string {
  const header = ["figure", "icpguard", "compared with", "ratio", "goal", "result"];
  const rows = figures.map((figure) => [
    figure.label,
    formatValue(figure.value, figure.unit),
    `${formatValue(figure.baseline, figure.unit)} (${figure.comparedWith})`,
    figure.ratio === null ? "—" : `${figure.ratio.toFixed(2)}×`,
    figure.goal === undefined ? "—" : `≤ ${figure.goal.toFixed(2)}×`,
    figure.verdict,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  const lines = [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
  for (const skip of skipped) lines.push(`skipped: ${skip.label}: ${skip.note}`);
  return lines.join("\n");
}
