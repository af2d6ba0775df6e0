// The settings sidebar's save message (issue 19 point 9): who gets the letters after the save, in plain words —
// not the names of «Настройки» rows («Адреса министерства, Координаторы без рассылки»).
import { recipientsSavedText } from '../../src/core/digest/recipients';
import { SETTING } from '../../src/core/settings';

const next = { methodists: ['a@klin.example'], ministry: [], off: [] };

test('each changed setting said as who gets the letters now', () => {
  expect(recipientsSavedText([SETTING.methodists, SETTING.ministry, SETTING.digestOff], next)).toBe(
    'Сохранено. Письма методистам: a@klin.example. Письма министерству: не отправляются (адреса не указаны). ' +
      'Письма получают все координаторы.',
  );
});

test('a long list is cut after three addresses; coordinators counted in Russian', () => {
  const off = ['c1@x.ru', 'c2@x.ru', 'c3@x.ru', 'c4@x.ru', 'c5@x.ru'];
  expect(recipientsSavedText([SETTING.digestOff], { ...next, off })).toBe(
    'Сохранено. Без писем 5 координаторов: c1@x.ru, c2@x.ru, c3@x.ru и ещё 2.',
  );
  expect(recipientsSavedText([SETTING.digestOff], { ...next, off: off.slice(0, 2) })).toBe(
    'Сохранено. Без писем 2 координатора: c1@x.ru, c2@x.ru.',
  );
});

test('nothing changed is said so', () => {
  expect(recipientsSavedText([], next)).toBe('Ничего не изменилось: получатели рассылки те же.');
});
