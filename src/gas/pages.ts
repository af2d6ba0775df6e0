// Sidebars are self-contained HTML files in the bundle (no CDN): data arrives through google.script.run.
export type PageName = 'Quarantine' | 'Iom' | 'Import' | 'Settings' | 'Indicators' | 'Region' | 'Roadmap';

export function showPage(page: PageName, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(page).setTitle(`Маршрут — ${title}`);
  SpreadsheetApp.getUi().showSidebar(html);
}
