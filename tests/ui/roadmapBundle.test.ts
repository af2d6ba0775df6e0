// The sidebar «Дорожная карта» through the real bundle: the items of roadmap.csv with «Срок» as written and as
// resolved, today's state (FIXED_NOW = 01.10.2025), an item done by a held event «по мероприятию …», a «Срок» no rule
// reads shown as such; the filters; a methodist marks an item done and the register and «Журнал изменений» show it.
// SPEC §3: «An item of Вид «Мероприятие» is done when an event whose «Пункт дорожной карты» names it was held …
// other items are marked by a methodist in the sidebar, and every mark goes to «Журнал изменений».»
import type { Page } from 'playwright-core';
import { openBundlePage, openThenLoseAccess, saveScreenshot, suiteBrowser } from '../support/sidebar';
import { aTickLater, openReferenceWorkbook, rowsOf } from '../support/e2eBuild';
import { FORMS } from '../../src/core/schema/forms';
import type { LocalWorkbook } from '../../src/local/localWorkbook';

jest.setTimeout(60_000);

const browser = suiteBrowser();
const HOSTILE = '<img src=x onerror=alert(1)>';

const ROADMAP_CSV = [
  'Пункт,Мероприятие,Срок,Ответственный,Вид',
  '1.1,Положение об ИОМ педагогов,Май 2025 г.,Управление образования,Документ',
  '1.2,Семинар наставников,Октябрь 2025 г.,ММС,Мероприятие',
  '2.2,Форум молодых педагогов,Сентябрь 2025 г.,ММС,Мероприятие',
  `3.1,${HOSTILE},по мере необходимости,ММС,Другое`,
  '3.2,Отчёт о реализации https://uo.klin.example/documents/roadmap/2025/otchet-o-realizacii-kompleksa-mer.pdf,Декабрь 2025 г.,Управление образования,Отчёт',
].join('\n');

/** roadmap.csv loaded; the event naming «2.2» held on 18.09.2025 (sent through the form, drained). */
function workbookWithRoadmap(): LocalWorkbook {
  const wb = openReferenceWorkbook();
  wb.rpc('rpcImportReference', { sheet: 'roadmap', csvText: ROADMAP_CSV });
  wb.menu('menuCreateForms');
  const events = wb.runtime.forms.all().find((f) => f.getTitle() === FORMS.events.title)!;
  wb.runtime.forms.submit(events, {
    answers: {
      'Название мероприятия': 'Форум «Молодой педагог»',
      'Вид мероприятия': 'Конференция',
      Уровень: 'Муниципальный',
      'Дата начала': new Date(2025, 8, 18),
      Организатор: 'МУ «Учебно-методический центр»',
      'Пункт дорожной карты': 'п. 2.2',
    },
  });
  aTickLater(wb);
  expect(rowsOf(wb, 'events')).toHaveLength(1);
  return wb;
}

const card = (page: Page, item: string) =>
  page.locator('.item', { has: page.locator('.num', { hasText: new RegExp(`^Пункт ${item.replace('.', '\\.')}$`) }) });
const shownItems = (page: Page) => page.locator('.item .num').allInnerTexts();

async function opened(page: Page): Promise<void> {
  await page.locator('.item').first().waitFor();
}

test('the items with «Срок» as written and resolved, today’s state, done by a held event, an unread «Срок» said so', async () => {
  const wb = workbookWithRoadmap();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowRoadmap');
  await opened(page);
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.1', 'Пункт 1.2', 'Пункт 2.2', 'Пункт 3.1', 'Пункт 3.2']);
  await expect(page.locator('#summary').innerText()).resolves.toBe(
    'Пунктов: 5 · выполнено 1 · просрочено 1 · не выполнено 2 · срок не распознан 1',
  );
  // 1.1: May 2025 has passed (today 01.10.2025), nothing done.
  const overdue = card(page, '1.1');
  await expect(overdue.locator('.badge').innerText()).resolves.toBe('Просрочено');
  await expect(overdue.innerText()).resolves.toContain('Срок: Май 2025 г.');
  await expect(overdue.locator('.deadline-text').innerText()).resolves.toBe('Срок по датам: 31 мая 2025');
  await expect(overdue.locator('.overdue-since').innerText()).resolves.toBe('Просрочен с 31.05.2025');
  await expect(overdue.innerText()).resolves.toContain('Ответственный: Управление образования');
  // 2.2: the held event names it («п. 2.2»): done by it, nobody marked it.
  const byEvent = card(page, '2.2');
  await expect(byEvent.locator('.badge').innerText()).resolves.toBe('Выполнено');
  await expect(byEvent.locator('.done-text').innerText()).resolves.toBe('По мероприятию «Форум «Молодой педагог»» (18.09.2025)');
  expect(rowsOf(wb, 'roadmap').find((r) => r['Пункт'] === '2.2')!['Отметка о выполнении']).toBe('');
  // 3.1: «по мере необходимости» names no date: said so, with what to type — never guessed.
  const unread = card(page, '3.1');
  await expect(unread.locator('.badge').innerText()).resolves.toBe('Срок не распознан');
  await expect(unread.locator('.deadline-text').innerText()).resolves.toBe(
    'Срок «по мере необходимости» не распознан: в нём нет ни даты, ни месяца с годом, ни периодичности. Укажите дату выполнения в столбце «Срок», например «31.12.2024» или «Май 2024 г.».',
  );
  // The hostile «Мероприятие» stays text.
  await expect(unread.locator('.action').innerText()).resolves.toBe(HOSTILE);
  await expect(page.locator('.item img').count()).resolves.toBe(0);
  // Google's sidebar is 300 px wide: nothing scrolls sideways (3.2 has a long link in its text).
  await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(300);
  await saveScreenshot(page, 'roadmap');
  expect(errors).toEqual([]);
  await page.close();
});

test('filters: by state, by deadline (passed, this month, the next three months) and by who is responsible', async () => {
  const wb = workbookWithRoadmap();
  const { page, errors } = await openBundlePage(browser(), wb, 'menuShowRoadmap');
  await opened(page);
  await page.locator('#statusFilter').selectOption('overdue');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.1']);
  await page.locator('#statusFilter').selectOption('open');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.2', 'Пункт 3.2']);
  await page.locator('#statusFilter').selectOption('');
  await page.locator('#dueFilter').selectOption('thisMonth');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.2']);
  await page.locator('#dueFilter').selectOption('soon');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.2', 'Пункт 3.2']);
  await page.locator('#dueFilter').selectOption('passed');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.1', 'Пункт 2.2']);
  await page.locator('#dueFilter').selectOption('');
  await expect(page.locator('#responsibleFilter option').allInnerTexts()).resolves.toEqual(['Все', 'ММС', 'Управление образования']);
  await page.locator('#responsibleFilter').selectOption('Управление образования');
  await expect(shownItems(page)).resolves.toEqual(['Пункт 1.1', 'Пункт 3.2']);
  await page.locator('#statusFilter').selectOption('done');
  await expect(shownItems(page)).resolves.toEqual([]);
  await expect(page.locator('#empty').innerText()).resolves.toBe('Нет пунктов с такими условиями. Измените фильтры.');
  expect(errors).toEqual([]);
  await page.close();
});

test('a methodist marks an item done: date, link and comment in the register, each change in «Журнал изменений»', async () => {
  const wb = workbookWithRoadmap();
  const { page, errors, calls } = await openBundlePage(browser(), wb, 'menuShowRoadmap');
  await opened(page);
  const item = card(page, '1.1');
  await item.getByRole('button', { name: 'Отметить выполнение' }).click();
  await item.getByLabel('Дата выполнения').fill('2025-09-20');
  await item.getByLabel('Подтверждение (ссылка)').fill('javascript:alert(1)');
  await item.getByRole('button', { name: 'Сохранить отметку' }).click();
  await expect(item.locator('.inline-error').innerText()).resolves.toBe('Подтверждение — ссылка, начинающаяся с https://');
  expect(calls).not.toContain('rpcRoadmapMark');
  await item.getByLabel('Подтверждение (ссылка)').fill('https://uo.example/prikaz-15.pdf');
  await item.getByLabel('Комментарий').fill('Приказ № 15, принят позже срока');
  await item.getByRole('button', { name: 'Сохранить отметку' }).click();
  await page.locator('#message', { hasText: 'Пункт 1.1 отмечен выполненным.' }).waitFor();
  await expect(item.locator('.badge').innerText()).resolves.toBe('Выполнено');
  await expect(item.locator('.done-text').innerText()).resolves.toBe('Отмечено 20.09.2025');
  await expect(item.innerText()).resolves.toContain('Отметка: Выполнено с нарушением срока');
  await expect(item.getByRole('link', { name: 'ссылка' }).getAttribute('href')).resolves.toBe('https://uo.example/prikaz-15.pdf');
  await expect(page.locator('#summary').innerText()).resolves.toBe(
    'Пунктов: 5 · выполнено 2 · просрочено 0 · не выполнено 2 · срок не распознан 1',
  );

  const row = rowsOf(wb, 'roadmap').find((r) => r['Пункт'] === '1.1')!;
  expect(row).toMatchObject({
    'Отметка о выполнении': 'Выполнено с нарушением срока', // May 2025 had passed by 20.09.2025
    Подтверждение: 'https://uo.example/prikaz-15.pdf',
    Комментарий: 'Приказ № 15, принят позже срока',
  });
  expect((row['Дата выполнения'] as Date).toDateString()).toBe(new Date(2025, 8, 20).toDateString());
  const audit = rowsOf(wb, 'audit').filter((r) => r['Действие'] === 'Отметка пункта дорожной карты');
  expect(audit.map((r) => [r['Лист'], r['Запись'], r['Поле'], r['Было'], r['Стало']])).toEqual([
    ['Дорожная карта', 'Пункт 1.1', 'Отметка о выполнении', '', 'Выполнено с нарушением срока'],
    ['Дорожная карта', 'Пункт 1.1', 'Дата выполнения', '', '20.09.2025'],
    ['Дорожная карта', 'Пункт 1.1', 'Подтверждение', '', 'https://uo.example/prikaz-15.pdf'],
    ['Дорожная карта', 'Пункт 1.1', 'Комментарий', '', 'Приказ № 15, принят позже срока'],
  ]);
  expect(audit.every((r) => r['Кто'] === 'metodist@klin.example')).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test('a date after today and a row moved meanwhile are refused in Russian; nothing is written', async () => {
  const wb = workbookWithRoadmap();
  const before = rowsOf(wb, 'roadmap');
  expect(() => wb.rpc('rpcRoadmapMark', { row: 1, item: '1.2', doneDate: '2025-10-02', proof: '', comment: '' })).toThrow(
    'Дата выполнения не может быть позже сегодняшнего дня.',
  );
  expect(() => wb.rpc('rpcRoadmapMark', { row: 1, item: '1.1', doneDate: '2025-09-02', proof: '', comment: '' })).toThrow(
    'Лист «Дорожная карта» изменился, пока была открыта панель. Нажмите «Обновить» и отметьте пункт снова.',
  );
  expect(() => wb.rpc('rpcRoadmapMark', { row: 1, item: '1.2', doneDate: new Date(2025, 8, 2) })).toThrow(
    'Панель прислала неполный запрос. Закройте её и откройте снова из меню «Маршрут».',
  );
  expect(rowsOf(wb, 'roadmap')).toEqual(before);
});

test('a user taken off the access list is refused before the list is read', async () => {
  const wb = workbookWithRoadmap();
  const { page, refusal } = await openThenLoseAccess(browser(), wb, 'menuShowRoadmap');
  await opened(page);
  await page.getByRole('button', { name: 'Обновить' }).click();
  await page.locator('#message', { hasText: refusal }).waitFor();
  await page.close();
});
