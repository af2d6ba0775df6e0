// The dashboard's roadmap panel through the real bundle (the dialog «Маршрут → Дашборд…», today 01.10.2025):
// done / overdue / ahead, and the overdue items (Пункт, Мероприятие, Срок as written) as text.
import { openBundlePage, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { openReferenceWorkbook } from '../support/e2eBuild';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const HOSTILE = '<img src=x onerror=alert(1)>';
const ROADMAP_CSV = [
  'Пункт,Мероприятие,Срок,Отметка о выполнении,Дата выполнения',
  '1.1,Положение об ИОМ педагогов,Май 2025 г.,,',
  `1.2,${HOSTILE},Август 2025 г.,,`,
  '1.3,Реестр наставников,Июнь 2025 г.,Выполнено,20.06.2025',
  '2.1,Форум молодых педагогов,Декабрь 2025 г.,,',
].join('\n');

test('the roadmap panel: counts, the overdue items with «Срок» as written, markup as text', async () => {
  const wb = openReferenceWorkbook();
  wb.rpc('rpcImportReference', { sheet: 'roadmap', csvText: ROADMAP_CSV });
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowDashboard', { width: 1280, height: 860 });
  await page.locator('#roadmapPanel').waitFor();
  await expect(page.locator('#roadmapCounts .card').allInnerTexts()).resolves.toEqual(['1\nвыполнено', '2\nпросрочено', '1\nвпереди']);
  await expect(page.locator('#roadmapOverdue .overdue-item').allInnerTexts()).resolves.toEqual([
    '1.1\nПоложение об ИОМ педагогов\nМай 2025 г. (просрочен с 31.05.2025)',
    `1.2\n${HOSTILE}\nАвгуст 2025 г. (просрочен с 31.08.2025)`,
  ]);
  await expect(page.locator('#roadmapPanel img').count()).resolves.toBe(0);
  await page.locator('#roadmapPanel').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'dashboard-roadmap');
  expect(errors).toEqual([]);
  await page.close();
});
