// The longest values real workbooks hold, for the tests that pages and letters fit a narrow screen.

/** A full legal school name with an honorary one, as «Организации» often has it. */
export const LONG_SCHOOL =
  'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12 с углублённым изучением отдельных предметов имени Героя Советского Союза А. С. Пушкина»';
export const LONG_EMAIL = 'zamestitel-direktora-po-uchebno-vospitatelnoy-rabote@school12-klin.example';
export const LONG_URL = 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg/edit#gid=0';
/** A municipality named in full. */
export const LONG_MUNICIPALITY = 'Городской округ Сергиев Посад Московской области';
