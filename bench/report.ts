export function renderReport(report: unknown): string {
  return '```json\n' + JSON.stringify(report, null, 2) + '\n```\n';
}
