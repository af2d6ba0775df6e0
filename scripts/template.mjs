// `npm run deploy:template [SPREADSHEET_ID_OR_URL]`: how the template workbook is made, and its «/copy» link — the
// second way to install (a bound copy of the script travels with each copy of the spreadsheet). Google offers no API
// for «make a copy» links: the template is a spreadsheet with the script bound to it, shared «anyone with the link
// can view», and the link is its URL with /copy (docs/руководство.md, «Способ 2»).
const STEPS = `Шаблон «Маршрута» (книга со встроенным скриптом), один раз на выпуск:
1. Создайте пустую Google Таблицу «Маршрут — шаблон» в аккаунте методической службы.
2. «Расширения → Apps Script» → «Настройки проекта» → скопируйте идентификатор скрипта.
3. Скопируйте .clasp.json.example в .clasp.template.json, впишите идентификатор в "scriptId".
4. npx clasp -P .clasp.template.json push --force   (после npm run build)
5. Обновите таблицу: меню «Маршрут → Настроить книгу» (листы, заголовки, проверки). Формы не создавайте:
   каждая копия создаёт свои в «Маршрут → Создать формы».
6. «Настройки доступа» → «Все, у кого есть ссылка» → «Читатель».
7. Ссылка для методистов: адрес таблицы, где /edit… заменено на /copy — её дают выполнить
   npm run deploy:template ИДЕНТИФИКАТОР_ТАБЛИЦЫ`;

/** The «make a copy» link of a spreadsheet given by its id or any of its URLs. */
export function copyLink(idOrUrl) {
  const id = /\/d\/([A-Za-z0-9_-]{20,})/.exec(idOrUrl)?.[1] ?? (/^[A-Za-z0-9_-]{20,}$/.test(idOrUrl) ? idOrUrl : null);
  if (!id) throw new Error(`not a spreadsheet id or URL: ${idOrUrl}`);
  return `https://docs.google.com/spreadsheets/d/${id}/copy`;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const arg = process.argv[2];
  console.log(arg ? copyLink(arg) : STEPS);
}
